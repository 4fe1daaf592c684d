FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN --mount=type=cache,target=/app/node_modules/.cache/webpack npm run build -- --out-dir site

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY --from=build /app/site /app/site
EXPOSE 3000
CMD ["serve", "site", "-l", "3000"]
