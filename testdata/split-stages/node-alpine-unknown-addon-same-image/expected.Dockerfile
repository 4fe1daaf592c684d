FROM node:20-alpine AS deps
RUN apk add --no-cache python3 make g++ expat-dev
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-alpine AS runtime
RUN apk add --no-cache g++ expat-dev
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["node", "server.js"]
