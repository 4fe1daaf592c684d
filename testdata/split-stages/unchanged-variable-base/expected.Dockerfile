ARG NODE_VERSION=20
FROM node:${NODE_VERSION}
WORKDIR /app
COPY . .
CMD ["node", "index.js"]
