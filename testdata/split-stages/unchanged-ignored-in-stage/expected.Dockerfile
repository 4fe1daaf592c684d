FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
# The image must keep its dev dependencies: it runs the test suite in production checks.
# msb-opt ignore=split-stages
RUN npm ci
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
