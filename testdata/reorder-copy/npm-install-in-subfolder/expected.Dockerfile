FROM node:20-slim
COPY web/package.json web/package-lock.json /app/web/
WORKDIR /app/web
RUN npm ci
COPY . /app
