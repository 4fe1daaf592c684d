FROM node:20-slim
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
COPY tools/yarn-4.1.1.cjs ./tools/
RUN yarn install --immutable
COPY . .
CMD ["node", "index.js"]
