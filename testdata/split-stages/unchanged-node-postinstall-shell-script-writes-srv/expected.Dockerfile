FROM node:20
WORKDIR /app
COPY package*.json ./
COPY scripts ./scripts
RUN npm ci
COPY . .
CMD ["node", "server.js"]
