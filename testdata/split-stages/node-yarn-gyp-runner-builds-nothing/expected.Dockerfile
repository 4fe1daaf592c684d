FROM node:20 AS deps
WORKDIR /srv
COPY package.json yarn.lock ./
RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install --production --frozen-lockfile

FROM node:20-slim AS runtime
WORKDIR /srv
COPY --from=deps /srv/node_modules /srv/node_modules
COPY . .
CMD ["node", "release-hook.js"]
