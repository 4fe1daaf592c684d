FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm install --no-save left-pad@1.3.0
EXPOSE 3000
CMD ["node", "server.js"]
