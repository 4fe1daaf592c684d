FROM node:20
WORKDIR /app
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
