FROM node:18 AS build
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && npm run build \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:18 AS deps
WORKDIR /app
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --frozen-lockfile

FROM node:18-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
CMD ["node", "dist/main.js"]
