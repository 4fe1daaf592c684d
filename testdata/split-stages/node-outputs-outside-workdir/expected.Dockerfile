FROM node:20 AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY --from=build /srv/www /srv/www
EXPOSE 8080
CMD ["serve", "-s", "/srv/www", "-l", "8080"]
