FROM node:20 AS build
ARG NPM_TOKEN
WORKDIR /app
COPY package*.json ./
RUN echo "@acme:registry=https://npm.acme.test/" > .npmrc && \
    echo "//npm.acme.test/:_authToken=${NPM_TOKEN}" >> .npmrc && \
    npm config set fund false && \
    npm ci && \
    npm run build --if-present && \
    rm -f .npmrc \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
ARG NPM_TOKEN
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm echo "@acme:registry=https://npm.acme.test/" > .npmrc && echo "//npm.acme.test/:_authToken=${NPM_TOKEN}" >> .npmrc && npm config set fund false && npm ci --omit=dev && rm -f .npmrc

FROM node:20-slim AS runtime
ARG NPM_TOKEN
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
COPY --from=build /root/.npmrc /root/.npmrc
COPY . .
CMD ["node", "server.js"]
