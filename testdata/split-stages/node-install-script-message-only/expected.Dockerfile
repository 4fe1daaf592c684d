FROM node:20 AS deps
WORKDIR /srv
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
WORKDIR /srv
COPY --from=deps /srv/node_modules /srv/node_modules
COPY . .
CMD ["node", "main.js"]
