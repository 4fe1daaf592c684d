FROM node:20-slim
WORKDIR /srv
COPY . /app
RUN npm ci
