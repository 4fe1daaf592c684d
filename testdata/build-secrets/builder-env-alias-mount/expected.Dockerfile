# syntax=docker/dockerfile:1.10
FROM node:20 AS build
WORKDIR /app
COPY . .
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm ci && npm run build

FROM node:20-slim
COPY --from=build /app/dist /app
CMD ["node", "/app/index.js"]
