ARG NODE_VERSION=20.20.2

FROM node:${NODE_VERSION} AS build
WORKDIR /app
COPY package.json pnpm-lock.yaml ./
RUN npm install -g pnpm \
    && pnpm install
COPY . .
RUN pnpm run build

FROM node:${NODE_VERSION} AS deps
WORKDIR /app
RUN npm install -g pnpm
COPY package.json pnpm-lock.yaml ./
RUN --mount=type=cache,target=/root/.local/share/pnpm/store pnpm install --prod

FROM node:${NODE_VERSION}-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/dist /app/dist
CMD ["node", "dist/index.js"]
