FROM node:20
USER node
ARG NPM_TOKEN
RUN npm ci
