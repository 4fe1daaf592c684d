FROM node:20
ARG NPM_TOKEN
ENV NPM_TOKEN=${NPM_TOKEN}
RUN npm ci
CMD ["node", "index.js"]
