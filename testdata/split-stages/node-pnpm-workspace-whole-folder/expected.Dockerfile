FROM node:20 AS build
RUN corepack enable
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "packages/api/index.js"]
