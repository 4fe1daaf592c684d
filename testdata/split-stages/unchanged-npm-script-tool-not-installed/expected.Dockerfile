FROM node:20
WORKDIR /bot
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["npm", "run", "bot"]
