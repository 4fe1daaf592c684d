FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN chmod -R 777 /app
USER node
CMD ["node", "index.js"]
