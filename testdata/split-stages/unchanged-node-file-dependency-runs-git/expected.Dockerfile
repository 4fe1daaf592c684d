FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
RUN npm ci
COPY . .
CMD ["node", "server.js"]
