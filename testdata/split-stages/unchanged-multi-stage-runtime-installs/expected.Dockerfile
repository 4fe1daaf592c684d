FROM node:20-alpine AS compile
WORKDIR /srv
COPY package.json package-lock.json ./
RUN npm ci
COPY src/ src/
RUN npm run build && npm prune --omit=dev

FROM node:20-alpine
RUN apk add --no-cache dumb-init
WORKDIR /srv
COPY --from=compile /srv/node_modules node_modules/
COPY --from=compile /srv/dist dist/
ENTRYPOINT ["dumb-init", "node", "dist/main.js"]
