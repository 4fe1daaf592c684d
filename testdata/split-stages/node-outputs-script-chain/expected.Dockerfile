FROM node:20 AS build
WORKDIR /srv/api
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20 AS deps
WORKDIR /srv/api
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
WORKDIR /srv/api
COPY --from=deps /srv/api/node_modules /srv/api/node_modules
COPY package.json package-lock.json ./
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY --from=build /srv/api/dist /srv/api/dist
COPY config/default.json ./dist/config/default.json
EXPOSE 8080
CMD ["node", "dist/main.js"]
