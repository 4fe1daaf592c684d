FROM node:20 AS deps
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
COPY .yarn/patches/ms-npm-2.1.3-2a1f0c7e1d.patch ./.yarn/patches/
RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn workspaces focus --all --production

FROM node:20-slim AS runtime
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
