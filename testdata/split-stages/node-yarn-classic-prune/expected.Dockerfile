FROM node:18 AS build
WORKDIR /app
COPY . .
RUN yarn install --frozen-lockfile && npm run build
RUN yarn install --production --frozen-lockfile --ignore-scripts --prefer-offline

FROM node:18-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "dist/main.js"]
