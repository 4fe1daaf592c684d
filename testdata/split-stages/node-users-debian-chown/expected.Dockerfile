FROM node:20 AS build
RUN groupadd --gid 1500 web \
    && useradd --uid 1500 --gid web --create-home web
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN mkdir -p /app/uploads && chown -R web:web /app \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
RUN groupadd --gid 1500 web \
    && useradd --uid 1500 --gid web --create-home web
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
RUN groupadd --gid 1500 web \
    && useradd --uid 1500 --gid web --create-home web
COPY --from=build --chown=web:web /app-files /app
COPY --from=deps --chown=web:web /app/node_modules /app/node_modules
WORKDIR /app
USER web
CMD ["node", "index.js"]
