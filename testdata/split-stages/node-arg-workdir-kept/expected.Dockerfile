ARG APP_HOME=/srv/app
FROM node:20 AS deps
ARG APP_HOME
WORKDIR ${APP_HOME}
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
ARG APP_HOME
WORKDIR ${APP_HOME}
COPY --from=deps ${APP_HOME}/node_modules ${APP_HOME}/node_modules
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
