FROM node:20
WORKDIR /app
COPY package.json ./
RUN npm install
COPY build/config.json ./build/config.json
COPY src/ ./src/
RUN npm run build
CMD ["node", "out/index.js"]
