FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/api/package.json packages/api/
RUN npm ci
COPY . .
RUN npm run build \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/api/package.json ./packages/api/
COPY packages/shared/package.json ./packages/shared/
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
EXPOSE 3000
CMD ["node", "packages/api/server.js"]
