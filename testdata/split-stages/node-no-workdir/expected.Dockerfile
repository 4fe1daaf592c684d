FROM node:20 AS deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
COPY --from=deps /node_modules /node_modules
COPY package.json package-lock.json ./
COPY server.js ./
EXPOSE 3000
CMD ["node", "server.js"]
