FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci
RUN npm test

FROM node:20-slim AS test
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
