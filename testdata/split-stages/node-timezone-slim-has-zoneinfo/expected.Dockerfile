FROM node:20 AS build
RUN cp /usr/share/zoneinfo/Asia/Tokyo /etc/localtime
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN cp /usr/share/zoneinfo/Asia/Tokyo /etc/localtime
WORKDIR /app
COPY --from=build /app-files /app
COPY . .
CMD ["node", "server.js"]
