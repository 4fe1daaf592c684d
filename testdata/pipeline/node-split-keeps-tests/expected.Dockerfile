ARG NODE_VERSION=20.18.1

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm test

FROM build AS files
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=files /app-files /app
EXPOSE 3000
CMD ["node", "server.js"]
