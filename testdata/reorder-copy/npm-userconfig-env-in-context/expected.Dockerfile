FROM node:20-slim
WORKDIR /app
ENV NPM_CONFIG_USERCONFIG=/app/config/npmrc.docker
COPY package.json package-lock.json ./
COPY config/npmrc.docker ./config/
RUN npm ci --omit=dev
COPY . .
CMD ["node", "index.js"]
