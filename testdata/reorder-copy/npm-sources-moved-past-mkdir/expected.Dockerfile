FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
RUN mkdir -p /var/log/app
COPY . .
CMD ["node", "index.js"]
