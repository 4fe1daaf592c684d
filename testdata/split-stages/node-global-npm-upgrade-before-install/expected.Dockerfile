FROM node:14 AS deps
RUN npm install -g npm@9
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --production

FROM node:14-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
CMD ["node","server.js"]
