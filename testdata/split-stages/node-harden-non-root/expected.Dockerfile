FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm prune --omit=dev

FROM node:20-slim AS runtime
COPY --from=build --chown=node:node /app /app
USER node
WORKDIR /app
EXPOSE 3000
CMD ["node", "server.js"]
