FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY vendor ./vendor
RUN cp vendor/ms.js node_modules/ms/index.js
COPY . .
RUN npm run build
CMD ["node", "server.js"]
