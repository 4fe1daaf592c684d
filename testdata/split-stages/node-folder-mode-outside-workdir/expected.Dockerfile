FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build \
 && mkdir -p /var/log/app /app/tmp /app/uploads /data/cache \
 && chown node:node /var/log/app /app/uploads \
 && chmod 1777 /app/tmp \
 && chmod 777 /data/cache \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
RUN mkdir -p /var/log/app \
    && chown node:node /var/log/app
RUN mkdir -p /data/cache \
    && chmod 777 /data/cache
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
COPY --from=build /data/cache /data/cache
COPY --from=build /var/log/app /var/log/app
USER node
CMD ["node", "server.js"]
