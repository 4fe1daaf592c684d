FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci && npm run build && npm test

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/server.js"]
