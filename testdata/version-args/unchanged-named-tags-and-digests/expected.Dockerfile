FROM node:lts AS build
RUN npm ci
FROM node:lts-slim AS other
FROM node:20.18.1@sha256:0000000000000000000000000000000000000000000000000000000000000000 AS pinned
FROM node:20.18.1-slim
COPY --from=build /app /app
