FROM node:18 AS build
RUN npm config set unsafe-perm true
WORKDIR /usr/app
COPY package.json package-lock.json ./
RUN npm ci \
    && mkdir /usr/app-files \
    && find /usr/app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /usr/app-files/ \;

FROM node:18 AS deps
RUN npm config set unsafe-perm true
WORKDIR /usr/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm ci --omit=dev

FROM node:18-slim AS runtime
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /usr/app
COPY --from=deps /usr/app/node_modules /usr/app/node_modules
COPY --from=build /usr/app-files /usr/app
COPY --from=build /root/.npmrc /root/.npmrc
COPY . .
CMD ["npm", "start"]
