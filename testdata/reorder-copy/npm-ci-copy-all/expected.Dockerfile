FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev
# Bring in the app
COPY . .
CMD ["node", "src/index.js"]
