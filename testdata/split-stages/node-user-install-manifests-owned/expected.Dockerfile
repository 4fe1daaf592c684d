FROM node:20-alpine AS deps
RUN mkdir -p /home/node/app/node_modules && chown -R node:node /home/node/app
WORKDIR /home/node/app
USER node
COPY --chown=node:node package.json package-lock.json ./
RUN npm install --omit=dev

FROM node:20-alpine AS runtime
RUN mkdir -p /home/node/app/node_modules \
    && chown -R node:node /home/node/app
WORKDIR /home/node/app
USER node
COPY --from=deps --chown=node:node /home/node/app/node_modules /home/node/app/node_modules
COPY --chown=node:node . .
COPY --from=deps --chown=node:node /home/node/app/package-lock.json /home/node/app/
EXPOSE 3000
CMD ["node", "server.js"]
