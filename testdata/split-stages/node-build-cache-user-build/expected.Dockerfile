FROM node:20 AS build
ENV NEXT_TELEMETRY_DISABLED=1
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci
COPY --chown=node:node . .
RUN npm run build

FROM node:20 AS deps
ENV NEXT_TELEMETRY_DISABLED=1
USER node
WORKDIR /home/node/app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --omit=dev

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
COPY --from=deps --chown=node:node /home/node/.npm/_update-notifier-last-checke[d] /home/node/.npm/
ENV NEXT_TELEMETRY_DISABLED=1
USER node
WORKDIR /home/node/app
COPY --from=deps --chown=node:node /home/node/app/node_modules /home/node/app/node_modules
COPY --chown=node:node . .
COPY --from=build --chown=node:node /home/node/app/.next /home/node/app/.next
EXPOSE 3000
CMD ["npm", "start"]
