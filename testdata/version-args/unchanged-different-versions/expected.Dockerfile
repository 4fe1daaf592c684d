FROM node:22 AS build
RUN npm ci
FROM node:20-slim
COPY --from=build /app /app
