FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
COPY vendor/mylib-1.0.0.tgz ./vendor/
RUN npm ci
COPY . .
CMD ["node","server.js"]
