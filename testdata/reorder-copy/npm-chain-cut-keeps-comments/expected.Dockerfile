FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
# install, then build
# the lockfile pins every version
RUN npm ci
COPY . .
RUN npm run build
CMD ["node", "dist/index.js"]
