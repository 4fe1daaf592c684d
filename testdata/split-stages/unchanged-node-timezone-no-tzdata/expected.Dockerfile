FROM node:20
RUN cp /usr/share/zoneinfo/Asia/Tokyo /etc/localtime
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "server.js"]
