FROM node:20 AS deps
ENV NODE_OPTIONS=--use-openssl-ca
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_OPTIONS=--use-openssl-ca
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["node", "server.js"]
