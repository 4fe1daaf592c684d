ARG NODE_VERSION
FROM node:${NODE_VERSION}
WORKDIR /app
COPY . .
CMD ["node", "index.js"]
