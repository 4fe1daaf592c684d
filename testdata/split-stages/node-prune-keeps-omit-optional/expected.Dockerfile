FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
RUN rm -f package-lock.json
RUN npm install --omit=optional
COPY . .
RUN npm prune --omit=dev --omit=optional

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=files /app /app
EXPOSE 3000
CMD ["node", "server.js"]
