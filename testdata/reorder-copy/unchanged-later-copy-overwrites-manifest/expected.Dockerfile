FROM node:20-slim
WORKDIR /app
COPY . .
COPY deploy/package.prod.json ./package.json
RUN npm ci --omit=dev
CMD ["node", "index.js"]
