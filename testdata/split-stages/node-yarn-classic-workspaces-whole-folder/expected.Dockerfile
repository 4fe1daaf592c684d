FROM node:20 AS build
WORKDIR /app
COPY package.json yarn.lock ./
COPY packages/api/package.json packages/api/
RUN yarn install --frozen-lockfile
COPY . .

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app /app
CMD ["node", "packages/api/index.js"]
