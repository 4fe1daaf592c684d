FROM node:20 AS deps
RUN mkdir -p /home/node/app/node_modules && chown -R node:node /home/node/app
WORKDIR /home/node/app
USER node
COPY package.json package-lock.json ./
RUN npm install --omit=dev

FROM node:20-slim AS runtime
RUN mkdir -p /home/node/app/node_modules \
    && chown -R node:node /home/node/app
WORKDIR /home/node/app
USER node
COPY --from=deps --chown=node:node /home/node/app/node_modules /home/node/app/node_modules
COPY package*.json ./
COPY --chown=node:node . .
EXPOSE 8080
CMD [ "node", "index.js" ]
