FROM node:20-slim
WORKDIR /app
COPY . .
COPY ../shared ./shared
RUN npm ci
