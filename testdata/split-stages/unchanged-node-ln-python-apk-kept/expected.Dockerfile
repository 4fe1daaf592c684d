FROM node:20-alpine
WORKDIR /app
COPY . .
RUN apk add --no-cache --virtual build-deps dumb-init python3 make g++
RUN ln -sf python3 /usr/bin/python && npm install --omit=dev
CMD ["dumb-init", "node", "index.js"]
