FROM node:20 AS deps
WORKDIR /api
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20-slim AS runtime
WORKDIR /api
COPY --from=deps /api/node_modules /api/node_modules
COPY . .
CMD ["npm", "run", "start:dev"]
