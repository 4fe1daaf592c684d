FROM node:20 AS deps-1
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS DEPS
WORKDIR /app
COPY --from=deps-1 /app/node_modules /app/node_modules
COPY . .
CMD ["node","index.js"]
