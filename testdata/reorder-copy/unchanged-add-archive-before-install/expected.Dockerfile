FROM node:20
WORKDIR /app
ADD vendor.tar.gz ./
COPY . .
RUN npm ci
CMD ["node", "index.js"]
