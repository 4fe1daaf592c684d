FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY deps/patches ./deps/patches/
RUN npm ci
COPY . .
CMD ["node", "index.js"]
