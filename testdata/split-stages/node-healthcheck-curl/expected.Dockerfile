FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm ci \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app-files /app
HEALTHCHECK CMD curl -f http://localhost:3000/ || exit 1
CMD ["node", "server.js"]
