FROM node:18-alpine AS deps
RUN apk add --no-cache make gcc g++ python3 tini
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:18-alpine AS runtime
RUN apk add --no-cache tini
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
EXPOSE 3000
ENTRYPOINT ["/sbin/tini", "--"]
CMD ["node", "index.js"]
