FROM node:20 AS deps
ARG APP_UID=1001
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
ARG APP_UID=1001
RUN useradd --uid "$APP_UID" app
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
USER app
CMD ["node", "index.js"]
