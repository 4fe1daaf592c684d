FROM node:20-slim
ARG APP=/app
WORKDIR /app
COPY . $APP
RUN npm ci
