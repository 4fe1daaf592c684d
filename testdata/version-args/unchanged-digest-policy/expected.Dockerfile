FROM node:20.18.1 AS build
RUN npm ci
FROM node:20.18.1-slim
COPY --from=build /app /app
