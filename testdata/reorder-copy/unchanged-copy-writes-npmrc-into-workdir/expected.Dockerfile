FROM node:20-slim
WORKDIR /app
COPY . .
COPY ci/npmrc.docker ./.npmrc
RUN npm ci
