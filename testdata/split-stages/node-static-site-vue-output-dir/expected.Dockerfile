FROM node:20 AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY package*.json ./
RUN npm install
COPY . .
RUN npm run build

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY --from=build /app/www /app/www
EXPOSE 8080
CMD ["serve", "-s", "www", "-l", "8080"]
