FROM node:20 AS deps
WORKDIR /srv/chat
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
RUN npm install -g pm2@5.4.2
WORKDIR /srv/chat
COPY --from=deps /srv/chat/node_modules /srv/chat/node_modules
COPY . .
EXPOSE 8080
CMD ["pm2-runtime", "index.js", "-i", "2"]
