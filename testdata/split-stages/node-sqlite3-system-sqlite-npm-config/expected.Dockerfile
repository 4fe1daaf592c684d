FROM node:20 AS build
ENV npm_config_build_from_source=true npm_config_sqlite=/usr
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20 AS deps
ENV npm_config_build_from_source=true npm_config_sqlite=/usr
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libsqlite3-0 \
    && rm -rf /var/lib/apt/lists/*
ENV npm_config_build_from_source=true npm_config_sqlite=/usr
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/dist /app/dist
CMD ["node", "dist/server.js"]
