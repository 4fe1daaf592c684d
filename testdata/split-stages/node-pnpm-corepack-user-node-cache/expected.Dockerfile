FROM node:20 AS build
RUN corepack enable && corepack prepare pnpm@9.15.0 --activate
WORKDIR /app
RUN chown node:node /app
USER node
COPY --chown=node:node package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY --chown=node:node . .
RUN pnpm run build

FROM node:20 AS deps
RUN corepack enable && corepack prepare pnpm@9.15.0 --activate
WORKDIR /app
RUN chown node:node /app
USER node
COPY --chown=node:node package.json pnpm-lock.yaml ./
RUN pnpm install --prod --frozen-lockfile

FROM build AS files
USER root
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN corepack enable \
    && corepack prepare pnpm@9.15.0 --activate
RUN mkdir -p /app \
    && chown node:node /app
COPY --from=deps --chown=node:node /home/node/.cache/node/corepac[k] /home/node/.cache/node/corepack/
WORKDIR /app
USER node
COPY --from=files --chown=node:node /app-files /app
COPY --from=deps --chown=node:node /app/node_modules /app/node_modules
CMD ["pnpm", "start"]
