FROM node:22 AS deps
WORKDIR /app
COPY package.json ./
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev

FROM node:22-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=deps /app/package-lock.jso[n] /app/
COPY . .
CMD ["node", "index.js"]
