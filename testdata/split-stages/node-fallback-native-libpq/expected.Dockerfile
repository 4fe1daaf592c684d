FROM node:20 AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci && npm install --no-save left-pad
COPY . .

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
