FROM node:20 AS build
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN --mount=type=cache,target=/app/.next/cache/webpack pnpm run build

FROM node:20 AS deps
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --prod --frozen-lockfile

FROM node:20-slim AS runtime
RUN corepack enable
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps /root/.cache/node/corepac[k] /root/.cache/node/corepack/
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/.next /app/.next
EXPOSE 3000
CMD ["pnpm", "start"]
