FROM node:20 AS build
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20-slim AS runtime
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY . .
COPY --from=build /app/dist /app/dist
EXPOSE 8080
CMD ["http-server", "public", "-p", "8080"]
