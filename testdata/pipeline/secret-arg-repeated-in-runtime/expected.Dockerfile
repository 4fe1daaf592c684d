# syntax=docker/dockerfile:1.10
ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY . .
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc \
    && npm ci \
    && rm .npmrc \
    && npm run build \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:${NODE_VERSION} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN --mount=type=cache,target=/root/.npm echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci --omit=dev && rm .npmrc

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
EXPOSE 3000
CMD ["node", "dist/index.js"]
