FROM node:20-slim
ARG SRC=src
WORKDIR /app
COPY package.json ./
COPY $SRC ./src
RUN npm ci
