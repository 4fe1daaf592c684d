FROM node:20
WORKDIR /app
COPY . .
RUN echo "registry=https://registry.npmjs.org/" > .npmrc
RUN npm ci
CMD ["node", "server.js"]
