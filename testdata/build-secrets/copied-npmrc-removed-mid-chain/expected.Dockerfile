FROM node:20
WORKDIR /app
COPY .npmrc ./
RUN npm ci && rm .npmrc && npm run build
