FROM node:20 AS build
WORKDIR /app
COPY --chown=1000 package.json package-lock.json ./
RUN npm ci
COPY . .
RUN chown -R node . \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY --chown=1000 package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
COPY --from=build --chown=node:root /app-files /app
COPY --from=deps --chown=node:root /app/node_modules /app/node_modules
WORKDIR /app
USER node
CMD ["node", "index.js"]
