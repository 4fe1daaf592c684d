FROM node:20 AS deps
WORKDIR /api
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm ci

FROM node:20-slim AS runtime
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /api
COPY --from=deps /api/node_modules /api/node_modules
COPY . .
CMD ["npm", "run", "start:dev"]
