FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json docker-entrypoint.sh ./
# The entry script's checks and owner are no business of the install; the working folder's owner after it is.
RUN ls -la docker-entrypoint.sh && chown node:node docker-entrypoint.sh && \
    npm ci && \
    chown -R node:node /app
COPY . .

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev && chown -R node:node /app

FROM build AS files
USER root
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
COPY --from=files --chown=node:node /app-files /app
COPY --from=deps --chown=node:node /app/node_modules /app/node_modules
WORKDIR /app
USER node
EXPOSE 3000
ENTRYPOINT ["sh", "./docker-entrypoint.sh"]
CMD ["node", "server.js"]
