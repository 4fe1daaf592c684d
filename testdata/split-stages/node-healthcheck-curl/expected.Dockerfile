FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=files /app /app
HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1
CMD ["node", "server.js"]
