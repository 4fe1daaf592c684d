FROM node:20-slim
COPY . /app
RUN cd /app && npm ci
