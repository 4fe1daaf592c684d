ARG NODE_VERSION=22.23.2

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=files /app /app
CMD ["node", "server.js"]
