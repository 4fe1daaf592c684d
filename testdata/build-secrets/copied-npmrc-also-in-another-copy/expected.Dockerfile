FROM node:20
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY .npmrc ./
RUN npm ci \
 && rm -f .npmrc
CMD ["node", "index.js"]
