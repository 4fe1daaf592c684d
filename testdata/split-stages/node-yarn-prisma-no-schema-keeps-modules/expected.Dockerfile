FROM node:20 AS build
WORKDIR /app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN npx prisma generate

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends openssl \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app /app
EXPOSE 3000
CMD ["node", "server.js"]
