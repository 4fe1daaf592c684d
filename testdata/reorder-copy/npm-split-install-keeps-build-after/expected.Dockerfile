FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm install -g serve && npm run build
CMD ["serve", "-s", "build"]
