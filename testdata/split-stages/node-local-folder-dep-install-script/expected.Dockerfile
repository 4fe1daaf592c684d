FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
COPY vendor ./vendor
RUN npm ci
COPY . .

FROM build AS files
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app-files /app
CMD ["node", "server.js"]
