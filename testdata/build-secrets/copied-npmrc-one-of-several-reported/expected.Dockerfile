FROM node:20
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci && rm -f .npmrc
COPY . .
CMD ["node", "index.js"]
