FROM node:20-slim
WORKDIR /app
COPY . ./web/
WORKDIR /app/web
RUN npm ci
