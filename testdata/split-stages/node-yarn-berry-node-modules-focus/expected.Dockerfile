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
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn workspaces focus --all --production

FROM node:20-slim AS runtime
ENV COREPACK_NPM_REGISTRY=https://registry.npmjs.org COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY package.json yarn.lock .yarnrc.yml ./
COPY tsconfig.json ./
COPY --from=build /app/dist /app/dist
EXPOSE 8080
CMD ["node", "dist/main.js"]
