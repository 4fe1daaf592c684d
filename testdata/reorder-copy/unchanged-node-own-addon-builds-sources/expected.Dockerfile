FROM node:20
WORKDIR /app
COPY package.json package-lock.json binding.gyp ./
COPY src ./src
RUN npm ci
COPY . .
EXPOSE 3000
CMD ["node","server.js"]
