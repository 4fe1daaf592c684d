FROM node:20 AS build
ENV NPM_CONFIG_REGISTRY=https://npm.corp.example/ NPM_CONFIG_STRICT_SSL=false
RUN npm install -g pm2@5.4.3
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20 AS deps
ENV NPM_CONFIG_REGISTRY=https://npm.corp.example/ NPM_CONFIG_STRICT_SSL=false
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
ENV NPM_CONFIG_REGISTRY=https://npm.corp.example/ NPM_CONFIG_STRICT_SSL=false
RUN npm install -g pm2@5.4.3
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/dist /app/dist
CMD ["pm2-runtime", "dist/server.js"]
