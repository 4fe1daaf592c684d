FROM node:20 AS build
ENV COREPACK_HOME=/corepack COREPACK_INTEGRITY_KEYS=0
RUN corepack enable && corepack prepare pnpm@9.15.0 --activate
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build

FROM node:20 AS deps
ENV COREPACK_HOME=/corepack COREPACK_INTEGRITY_KEYS=0
RUN corepack enable && corepack prepare pnpm@9.15.0 --activate
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --prod --frozen-lockfile

FROM node:20-slim AS runtime
ENV COREPACK_HOME=/corepack COREPACK_INTEGRITY_KEYS=0
RUN corepack enable \
    && corepack prepare pnpm@9.15.0 --activate
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/dist /app/dist
CMD ["pnpm", "start"]
