# syntax=docker/dockerfile:1.0
FROM node:20
WORKDIR /app
COPY . .
RUN npm ci \
    && npm cache clean --force
