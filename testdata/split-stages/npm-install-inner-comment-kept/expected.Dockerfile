FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# dependencies first, for the cache
# production only: the image runs no tests
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
