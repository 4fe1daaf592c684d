FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY libs ./libs
RUN npm ci
COPY . .
RUN npm run build \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS prod-modules
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.jso[n] /app/npm-shrinkwrap.jso[n] /app/.npmr[c] /app/
COPY --from=build /app/libs/mylib /app/libs/mylib
COPY --from=build /app/node_modules /app/node_modules
RUN npm prune --omit=dev

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends procps \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=prod-modules /app/node_modules /app/node_modules
COPY --from=build /app-files /app
HEALTHCHECK --interval=5s CMD pgrep -f "dist/server.js" > /dev/null || exit 1
CMD ["node", "dist/server.js"]
