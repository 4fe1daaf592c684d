FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages ./packages
RUN npm ci
COPY . .
RUN npm run build \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /root/.npm/_update-notifier-last-checke[d] /root/.npm/
COPY --from=build /app/node_modules /app/node_modules
COPY --from=build /app-files /app
EXPOSE 3000
CMD ["npm", "start"]
