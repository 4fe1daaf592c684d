FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
EXPOSE 3000
HEALTHCHECK --interval=3s --timeout=2s --retries=2 CMD wget -qO- http://localhost:3000/ || exit 1
CMD ["node", "server.js"]
