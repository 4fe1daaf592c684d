FROM node:20 AS build
WORKDIR /app
COPY package.json yarn.lock ./
COPY packages/api/package.json packages/api/
RUN yarn install --frozen-lockfile
COPY . .

FROM build AS files
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app-files /app
CMD ["node", "packages/api/index.js"]
