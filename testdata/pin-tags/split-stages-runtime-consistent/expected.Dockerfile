FROM node:24.19.0 AS build
WORKDIR /app
RUN npm --version

FROM node:24.19.0-slim AS runtime
COPY --from=build /app /app
CMD ["node", "server.js"]
