FROM node:20-slim
WORKDIR /app
COPY . .
RUN set -e && npm ci && npm run build
