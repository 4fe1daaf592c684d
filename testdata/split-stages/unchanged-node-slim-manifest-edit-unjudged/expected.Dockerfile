FROM node:20-slim
WORKDIR /app
COPY package*.json ./
RUN npm pkg set dependencies.ms="^2.1.0" && node -e "require('fs').copyFileSync('package.json','package.orig.json')"
RUN npm install
COPY . .
CMD ["node", "server.js"]
