FROM node:20 AS build
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN --mount=type=cache,target=/usr/src/app/.angular/cache npm run build

FROM node:20-slim AS runtime
RUN npm install -g http-server@14.1.1
WORKDIR /usr/src/app
COPY --from=build /usr/src/app/dist /usr/src/app/dist
EXPOSE 8080
CMD ["http-server", "dist/shop/browser", "-p", "8080"]
