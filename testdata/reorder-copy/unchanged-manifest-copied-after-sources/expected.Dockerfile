FROM node:20-slim
WORKDIR /app
COPY . .
COPY package.json ./
RUN npm ci
