FROM node:16
WORKDIR /user/src/app
COPY package*.json ./
COPY . .
RUN npm install
CMD ["node", "bot.js"]
