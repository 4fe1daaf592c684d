FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/app/package.json packages/app/
COPY packages/greet/package.json packages/greet/
RUN npm ci
COPY . .
RUN npm run build --workspace=packages/app

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/app/package.json ./packages/app/
COPY packages/greet/package.json ./packages/greet/
RUN --mount=type=cache,target=/root/.npm npm ci

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/packages/app/dist /app/packages/app/dist
EXPOSE 8080
CMD ["node", "packages/app/dist/server.js"]
