FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build
RUN npm test
RUN npm prune --omit=dev

FROM node:20-slim AS runtime
WORKDIR /app
RUN --mount=type=bind,from=build,source=/app,target=/src cp -r /src/. /app/
CMD ["node", "dist/server.js"]
