# syntax=docker/dockerfile:1.10
FROM node:20
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
COPY . .
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN npm run build
CMD ["node", "index.js"]
