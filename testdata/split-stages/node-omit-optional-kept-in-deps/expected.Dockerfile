FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Leave out the optional native add-on, which does not build here.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --omit=optional --omit=peer

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
EXPOSE 3000
CMD ["node", "server.js"]
