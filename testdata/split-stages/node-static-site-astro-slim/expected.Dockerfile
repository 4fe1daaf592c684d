FROM node:20-slim AS build
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN --mount=type=cache,target=/app/node_modules/.astro npm run build

FROM node:20-slim AS runtime
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY --from=build /app/dist /app/dist
EXPOSE 8080
CMD ["http-server", "dist", "-p", "8080"]
