FROM node:20 AS deps
WORKDIR /usr/src/app
RUN chown -R node:node /usr/src/app
USER node
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-slim AS runtime
RUN mkdir -p /usr/src/app \
    && chown -R node:node /usr/src/app
WORKDIR /usr/src/app
USER node
COPY --from=deps --chown=node:node /usr/src/app/node_modules /usr/src/app/node_modules
COPY --chown=node:node . .
EXPOSE 3000
CMD ["node", "server.js"]
