FROM node:20-slim
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json .npmrc /home/node/app/
USER node
ENV NODE_ENV=production
RUN npm ci && npm cache clean --force
COPY --chown=node:node . /home/node/app
CMD ["node", "index.js"]
