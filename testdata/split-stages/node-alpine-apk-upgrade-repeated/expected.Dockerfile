FROM node:20-alpine AS build
RUN apk upgrade --no-cache
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci
COPY src ./src
RUN npm run build

FROM node:20-alpine AS deps
RUN apk upgrade --no-cache
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm ci --omit=dev

FROM node:20-alpine AS runtime
RUN apk upgrade --no-cache
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY package.json package-lock.json tsconfig.json ./
COPY --from=build /app/dist /app/dist
CMD ["npm", "start"]
