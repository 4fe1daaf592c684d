ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION} AS build

WORKDIR /usr/src/app

# Install OS tools the app shells out to
RUN apt-get update \
    && apt-get install -y curl

COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:${NODE_VERSION} AS deps
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /usr/src/app
RUN apt-get update \
    && apt-get install -y curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps /usr/src/app/node_modules /usr/src/app/node_modules
COPY . .
COPY --from=build /usr/src/app/dist /usr/src/app/dist

EXPOSE 3000
CMD ["node", "dist/server.js"]
