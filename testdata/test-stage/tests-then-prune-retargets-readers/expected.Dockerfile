FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM build AS test
RUN npm run test:unit
RUN npm test
RUN touch /tmp/tests-passed

FROM build AS pruned
RUN npm prune --omit=dev

FROM pruned AS debug
CMD ["node", "--inspect", "dist/server.js"]

FROM node:20-slim AS runtime
COPY --from=test /tmp/tests-passed /tmp/tests-passed
WORKDIR /app
COPY --from=pruned --chown=node:node /app /app
USER node
CMD ["node", "dist/server.js"]
