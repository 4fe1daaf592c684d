FROM node:20
WORKDIR /app
COPY . .
RUN npm ci && rm -f .npmrc
CMD ["node", "index.js"]
