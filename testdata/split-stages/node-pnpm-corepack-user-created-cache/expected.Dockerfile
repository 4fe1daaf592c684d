FROM node:20 AS build
RUN corepack enable && corepack prepare pnpm@9.15.0 --activate
RUN useradd -m -d /srv/app app
WORKDIR /app
RUN chown app:app /app
USER app
COPY --chown=app:app package.json pnpm-lock.yaml ./
RUN pnpm install --frozen-lockfile
COPY --chown=app:app . .
RUN pnpm run build

FROM node:20 AS deps
RUN corepack enable && corepack prepare pnpm@9.15.0 --activate
RUN useradd -m -d /srv/app app
WORKDIR /app
RUN chown app:app /app
USER app
COPY --chown=app:app package.json pnpm-lock.yaml ./
RUN pnpm install --prod --frozen-lockfile

FROM build AS files
USER root
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN corepack enable \
    && corepack prepare pnpm@9.15.0 --activate
RUN useradd -m -d /srv/app app
RUN mkdir -p /app \
    && chown app:app /app
COPY --from=deps --chown=app:app /srv/app/.cache/node/corepac[k] /srv/app/.cache/node/corepack/
WORKDIR /app
USER app
COPY --from=files --chown=app:app /app-files /app
COPY --from=deps --chown=app:app /app/node_modules /app/node_modules
CMD ["pnpm", "start"]
