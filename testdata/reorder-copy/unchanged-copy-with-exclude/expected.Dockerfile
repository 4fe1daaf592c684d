# syntax=docker/dockerfile:1.19
FROM node:20-slim
WORKDIR /app
COPY --exclude=*.md . .
RUN npm ci
