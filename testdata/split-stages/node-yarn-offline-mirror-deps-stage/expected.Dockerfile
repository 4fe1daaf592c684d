FROM node:20 AS deps
WORKDIR /app
COPY package.json yarn.lock .yarnrc .yarnclean ./
COPY npm-packages-offline-cache ./npm-packages-offline-cache/
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --production --frozen-lockfile --offline

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["node","server.js"]
