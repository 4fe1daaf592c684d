ARG NODE_VERSION=22.23.2

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=build /app-files /app
COPY . .
CMD ["node", "server.js"]
