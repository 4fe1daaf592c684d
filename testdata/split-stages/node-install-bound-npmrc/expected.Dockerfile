FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=bind,source=npmrc.docker,target=/app/.npmrc --mount=type=cache,target=/root/.npm,sharing=locked npm ci --omit=dev

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY package*.json ./
COPY server.js ./
CMD ["node", "server.js"]
