FROM node:20 AS build
WORKDIR /app
COPY . .
RUN corepack enable && pnpm install --frozen-lockfile && pnpm run build

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/main.js"]
