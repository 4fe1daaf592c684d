FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
COPY --from=deps --chown=node:root /app/node_modules /app/node_modules
WORKDIR /app
COPY --chown=node:root . .
COPY config.json ./
USER node
CMD ["node", "index.js"]
