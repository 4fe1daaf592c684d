FROM node:22 AS deps
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm ci --omit=dev

FROM node:22-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /usr/src/app
COPY --from=deps /usr/src/app/node_modules /usr/src/app/node_modules
COPY . .
EXPOSE 8080
CMD ["npx", "pm2-runtime", "ecosystem.config.js"]
