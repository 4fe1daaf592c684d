FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM build AS test
# Unit tests must pass before the image is made
RUN npm test
RUN touch /tmp/tests-passed

FROM node:20-slim AS runtime
COPY --from=test /tmp/tests-passed /tmp/tests-passed
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/server.js"]
