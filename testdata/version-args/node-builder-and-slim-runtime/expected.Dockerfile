ARG NODE_VERSION=20.18.1

# Build the TypeScript app
FROM node:${NODE_VERSION} AS build
WORKDIR /srv/app
COPY . .
RUN npm ci && npm run build

FROM node:${NODE_VERSION}-slim AS app
WORKDIR /srv/app
COPY --from=build /srv/app /srv/app
CMD ["node", "dist/server.js"]
