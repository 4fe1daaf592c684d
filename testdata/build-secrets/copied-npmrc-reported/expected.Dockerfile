FROM node:20
WORKDIR /app
COPY .npmrc ./
COPY package.json package-lock.json ./
RUN npm ci && rm -f .npmrc
COPY . .
CMD ["node", "index.js"]
