FROM node:20
# repo.yarnpkg.com is out of reach here: corepack fetches Yarn from the npm registry.
ENV COREPACK_NPM_REGISTRY=https://registry.npmjs.org COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY package.json yarn.lock .yarnrc.yml ./
RUN yarn install --immutable
COPY tsconfig.json ./
COPY src ./src
RUN yarn build
EXPOSE 8080
CMD ["node", "dist/main.js"]
