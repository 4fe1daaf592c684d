FROM node:20
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm install -g @nestjs/cli@10.4.9
RUN nest build
CMD ["node", "dist/main"]
