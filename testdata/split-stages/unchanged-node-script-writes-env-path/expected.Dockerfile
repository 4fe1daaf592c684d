FROM node:20
ENV CONFIG_PATH=/etc/myapp/config.json
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build
EXPOSE 3000
CMD ["node", "server.js"]
