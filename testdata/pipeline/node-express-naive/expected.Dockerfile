FROM node:20

WORKDIR /usr/src/app

# Install OS tools the app shells out to
RUN apt-get update \
    && apt-get install -y curl \
    && rm -rf /var/lib/apt/lists/*

COPY package.json package-lock.json ./
RUN npm ci \
    && npm cache clean --force
COPY . .
RUN npm run build

EXPOSE 3000
CMD ["node", "dist/server.js"]
