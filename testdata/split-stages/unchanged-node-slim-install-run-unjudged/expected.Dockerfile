FROM node:20-slim
WORKDIR /app
COPY package*.json ./
COPY scripts/ ./scripts/
RUN node scripts/write-npmrc.js && npm ci
COPY server.js ./
CMD ["node", "server.js"]
