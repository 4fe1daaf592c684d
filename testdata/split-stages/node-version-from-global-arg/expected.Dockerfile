ARG NODE_VERSION=20
FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY . .

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "index.js"]
