FROM node:20
WORKDIR /app
ONBUILD COPY . .
CMD ["node", "index.js"]
