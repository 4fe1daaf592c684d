FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
# Unit tests must pass before the image is made
RUN npm test

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/server.js"]
