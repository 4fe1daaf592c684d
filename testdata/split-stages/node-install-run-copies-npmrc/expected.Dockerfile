FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc.docker ./
RUN cp .npmrc.docker .npmrc && yarn config set network-timeout 600000 && npm ci && rm .npmrc \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json .npmrc.docker ./
RUN --mount=type=cache,target=/root/.npm cp .npmrc.docker .npmrc && yarn config set network-timeout 600000 && npm ci --omit=dev && rm .npmrc

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
COPY server.js ./
CMD ["node", "server.js"]
