FROM node:20
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
ENTRYPOINT ["./entrypoint.sh"]
CMD ["node","server.js"]
