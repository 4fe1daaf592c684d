FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && node dist/seed.js
VOLUME /data
CMD ["node", "dist/server.js"]
