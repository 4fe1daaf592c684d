FROM node:20-slim
WORKDIR /app
COPY package.json ./
COPY *.js ./
RUN npm ci
