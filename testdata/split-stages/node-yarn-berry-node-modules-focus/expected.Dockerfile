FROM node:20 AS build
# repo.yarnpkg.com is out of reach here: corepack fetches Yarn from the npm registry.
ENV COREPACK_NPM_REGISTRY=https://registry.npmjs.org COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
RUN yarn install --immutable
COPY tsconfig.json ./
COPY src ./src
RUN yarn build

FROM node:20 AS deps
ENV COREPACK_NPM_REGISTRY=https://registry.npmjs.org COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
RUN yarn workspaces focus --all --production

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
ENV COREPACK_NPM_REGISTRY=https://registry.npmjs.org COREPACK_ENABLE_DOWNLOAD_PROMPT=0
WORKDIR /app
COPY --from=files /app /app
COPY --from=deps /app/node_modules /app/node_modules
EXPOSE 8080
CMD ["node", "dist/main.js"]
