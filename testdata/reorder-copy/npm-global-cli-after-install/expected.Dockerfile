FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
RUN npm install -g @nestjs/cli@10.4.9
COPY . .
RUN nest build
CMD ["node", "dist/main"]
