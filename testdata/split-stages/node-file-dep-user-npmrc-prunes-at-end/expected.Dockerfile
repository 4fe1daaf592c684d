FROM node:20 AS build
WORKDIR /app
COPY .npmrc /root/.npmrc
COPY package.json package-lock.json ./
COPY libs ./libs
RUN npm ci
COPY . .
RUN npm run build
RUN npm prune --omit=dev \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=build /app-files /app
COPY --from=build /root/.npmrc /root/.npmrc
CMD ["node", "dist/server.js"]
