FROM node:20-alpine AS build
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm ci && npm cache clean --force
COPY . .
RUN npm run build

FROM node:20-alpine AS deps
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-alpine AS runtime
RUN addgroup -g 1001 -S nodejs
RUN adduser -S nestjs -u 1001
COPY --from=deps --chown=nestjs:nodejs /usr/src/app/node_modules /usr/src/app/node_modules
WORKDIR /usr/src/app
COPY --chown=nestjs:nodejs . .
COPY --from=build --chown=nestjs:nodejs /usr/src/app/dist /usr/src/app/dist
USER nestjs
EXPOSE 3000
CMD ["node", "dist/main"]
