FROM node:20-slim
WORKDIR /app
COPY package.json yarn.lock ./
COPY packages/api/package.json packages/api/
RUN yarn install --frozen-lockfile
COPY . .
CMD ["node", "packages/api/index.js"]
