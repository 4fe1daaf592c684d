FROM node:20 AS build
WORKDIR /app
COPY . .

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
ENV PORT=80
CMD ["node", "server.js"]
