FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
COPY --from=deps --chown=node:node /app/node_modules /app/node_modules
WORKDIR /app
COPY --chown=node:node . .
CMD ["node","index.js"]
