# syntax=docker/dockerfile:1.10
FROM node:20 AS build
WORKDIR /app
COPY . .
RUN --mount=type=secret,id=NPM_TOKEN,env=NPM_TOKEN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc \
    && npm ci \
    && rm .npmrc \
    && npm run build

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
EXPOSE 3000
CMD ["node", "dist/index.js"]
