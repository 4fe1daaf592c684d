FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm install --no-save left-pad
COPY . .

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app /app
CMD ["node", "server.js"]
