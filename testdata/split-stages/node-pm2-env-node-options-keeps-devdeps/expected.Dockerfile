FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm ci

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["npx", "pm2-runtime", "ecosystem.config.js"]
