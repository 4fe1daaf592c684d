ARG NODE_VERSION=22.23.2

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
