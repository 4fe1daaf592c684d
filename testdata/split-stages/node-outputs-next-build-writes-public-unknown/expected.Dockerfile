FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm ci --omit=dev

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
EXPOSE 3000
CMD ["npm", "start"]
