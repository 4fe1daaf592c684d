# The service, on the Node LTS
FROM node:22 AS deps
WORKDIR /usr/src/app
COPY package.json package-lock.json ./
# Husky hooks and the browser download are off for the install, as the project asks.
RUN --mount=type=cache,target=/root/.npm HUSKY=0 PUPPETEER_SKIP_DOWNLOAD=true npm ci --omit=dev

FROM node:22-slim AS runtime
WORKDIR /usr/src/app
COPY --from=deps /usr/src/app/node_modules /usr/src/app/node_modules

# The application itself
COPY . .
EXPOSE 8080
CMD ["node", "server.js"]
