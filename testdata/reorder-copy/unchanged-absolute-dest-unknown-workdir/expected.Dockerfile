FROM node:20-slim
COPY . /app
RUN npm ci
