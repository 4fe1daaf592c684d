FROM node:20
WORKDIR /app
COPY package.json yarn.lock .yarnrc .yarnclean ./
COPY npm-packages-offline-cache ./npm-packages-offline-cache/
RUN yarn install --offline --frozen-lockfile
COPY . .
CMD ["node","server.js"]
