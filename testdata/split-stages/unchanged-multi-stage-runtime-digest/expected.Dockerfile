FROM node:20-slim@sha256:1111111111111111111111111111111111111111111111111111111111111111 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY src ./src
RUN npm run build

FROM node:20-slim@sha256:1111111111111111111111111111111111111111111111111111111111111111
WORKDIR /app
COPY --from=build /app/dist/server.js ./server.js
RUN chmod 0555 server.js
USER node
CMD ["node", "server.js"]
