FROM node:20 AS deps
ARG PRELOAD="--require tsconfig-paths/register"
ENV NODE_OPTIONS=$PRELOAD
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20-slim AS runtime
ARG PRELOAD="--require tsconfig-paths/register"
ENV NODE_OPTIONS=$PRELOAD
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["node", "server.js"]
