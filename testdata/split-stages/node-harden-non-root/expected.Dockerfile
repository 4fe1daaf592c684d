FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
COPY --from=files --chown=node:node /app /app
COPY --from=deps --chown=node:node /app/node_modules /app/node_modules
USER node
WORKDIR /app
EXPOSE 3000
CMD ["node", "server.js"]
