FROM node:20-bookworm AS build
WORKDIR /app
COPY . .
RUN npm install

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["npx", "ts-node", "src/index.ts"]
