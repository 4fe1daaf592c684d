FROM node:18 AS build
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && npm run build

FROM node:18-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/main.js"]
