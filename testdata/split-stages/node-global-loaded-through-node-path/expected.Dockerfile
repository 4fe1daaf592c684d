FROM node:20 AS build
ENV NODE_PATH=/usr/local/lib/node_modules
RUN npm install -g pm2@5.4.3
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20 AS deps
ENV NODE_PATH=/usr/local/lib/node_modules
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
ENV NODE_PATH=/usr/local/lib/node_modules
RUN npm install -g pm2@5.4.3
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/dist /app/dist
CMD ["node", "dist/server.js"]
