FROM node:20-alpine
WORKDIR /app
COPY package.json yarn.lock ./
RUN rm -rf node_modules yarn.lock
RUN yarn install
COPY . .
CMD ["node", "server.js"]
