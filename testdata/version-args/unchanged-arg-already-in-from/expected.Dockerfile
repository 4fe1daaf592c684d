ARG NODE=20
FROM node:${NODE} AS build
RUN npm ci
FROM node:20-slim
COPY --from=build /app /app
