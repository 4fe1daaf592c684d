FROM node:16
WORKDIR /user/src/app
COPY package*.json ./
RUN npm install
COPY . .
CMD ["node", "bot.js"]
