FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/app/package.json packages/app/
COPY packages/greet/package.json packages/greet/
RUN npm ci
COPY . .
RUN npm run check -w @ws/app
EXPOSE 8080
CMD ["node", "packages/app/server.js"]
