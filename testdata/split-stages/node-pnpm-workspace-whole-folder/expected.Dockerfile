FROM node:20 AS build
RUN corepack enable
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN corepack enable
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=build /app-files /app
CMD ["node", "packages/api/index.js"]
