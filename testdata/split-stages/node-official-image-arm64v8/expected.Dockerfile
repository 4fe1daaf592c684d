FROM arm64v8/node:22 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM arm64v8/node:22-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["server.js"]
