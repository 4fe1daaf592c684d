# syntax=docker/dockerfile:1.2
FROM node:20 AS build
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm run build

FROM node:20 AS deps
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --prod --frozen-lockfile

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=files /app /app
COPY --from=deps /app/node_modules /app/node_modules
CMD ["node", "dist/index.js"]
