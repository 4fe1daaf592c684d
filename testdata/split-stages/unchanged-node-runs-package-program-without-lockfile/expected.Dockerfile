FROM node:20
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
CMD ["cross-env","A=1","node","server.js"]
