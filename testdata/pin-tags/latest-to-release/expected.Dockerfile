FROM node:26.7.0
WORKDIR /app
CMD ["node", "index.js"]
