FROM node:20 AS deps
ENV APP_HOME=/home/node/app NODE_ENV=production
WORKDIR $APP_HOME
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
ENV APP_HOME=/home/node/app NODE_ENV=production
WORKDIR $APP_HOME
COPY --from=deps /home/node/app/node_modules /home/node/app/node_modules
COPY . .
CMD ["node", "server.js"]
