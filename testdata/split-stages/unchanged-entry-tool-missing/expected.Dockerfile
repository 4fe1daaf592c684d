FROM node:20
WORKDIR /app
COPY . .
RUN npm ci
HEALTHCHECK CMD nc -z localhost 3000 || exit 1
CMD ["node", "server.js"]
