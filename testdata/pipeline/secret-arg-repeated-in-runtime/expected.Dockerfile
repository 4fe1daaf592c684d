# syntax=docker/dockerfile:1.10
ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY . .
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc \
    && npm ci \
    && rm .npmrc \
    && npm run build

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "dist/index.js"]
