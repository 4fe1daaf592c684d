FROM node:20-bookworm AS deps
WORKDIR /app
COPY package.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm install

FROM node:20-bookworm-slim AS runtime
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=deps /app/package-lock.jso[n] /app/
COPY . .
CMD ["npx", "ts-node", "src/index.ts"]
