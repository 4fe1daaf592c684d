FROM node:20 AS deps
RUN apt-get update && apt-get install -y supervisor && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y supervisor \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY etc/app.conf /etc/supervisor/conf.d/app.conf
CMD ["supervisord", "-n"]
