FROM node:20
WORKDIR /srv
COPY package.json yarn.lock .yarnrc ./
RUN yarn install --frozen-lockfile
ADD . .
CMD ["yarn", "start"]
