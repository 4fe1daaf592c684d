FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build \
 && mkdir -p /var/log/app /data/cache \
 && echo seed > /data/cache/seed \
 && chown -R node:node /var/log/app /data/cache \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
COPY --from=build --chown=node:node /data/cache /data/cache
COPY --from=build --chown=node:node /var/log/app /var/log/app
USER node
CMD ["node", "server.js"]
