ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY . .
RUN echo "registry=https://registry.npmjs.org/" > .npmrc \
    && npm ci \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=build /app-files /app
CMD ["node", "server.js"]
