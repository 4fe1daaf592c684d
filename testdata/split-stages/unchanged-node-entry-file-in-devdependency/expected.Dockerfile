FROM node:22-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["node", "node_modules/tsx/dist/cli.mjs", "src/server.ts"]
