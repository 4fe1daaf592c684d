FROM node:20 AS build
RUN corepack enable
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
RUN corepack enable
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app /app
CMD ["node", "packages/api/index.js"]
