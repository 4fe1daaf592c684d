FROM node:20 AS build
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN --mount=type=cache,target=/app/node_modules/.astro npx astro build --outDir public-site

FROM node:20-slim AS runtime
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY --from=build /app/public-site /app/public-site
EXPOSE 8080
CMD ["http-server", "public-site", "-p", "8080"]
