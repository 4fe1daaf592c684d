FROM node:20 AS deps
WORKDIR /app
RUN chown node:node /app
USER node
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-slim AS runtime
RUN mkdir -p /app \
    && chown node:node /app
WORKDIR /app
USER node
COPY --from=deps --chown=node:node /app/node_modules /app/node_modules
COPY --chown=node:node . .
EXPOSE 3000
CMD ["node","server.js"]
