FROM node:20

WORKDIR /usr/src/app

# Install OS tools the app shells out to
RUN apt-get update \
    && apt-get install -y curl \
    && rm -rf /var/lib/apt/lists/*

COPY . .
RUN npm ci \
    && npm run build \
    && npm cache clean --force

EXPOSE 3000
CMD ["node", "dist/server.js"]
