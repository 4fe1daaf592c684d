FROM node:16-alpine
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm config set registry https://registry.npmmirror.com
RUN npm ci
COPY . .
EXPOSE 8080
CMD node /app/index.js
