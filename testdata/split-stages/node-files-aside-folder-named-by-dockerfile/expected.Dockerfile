FROM node:20 AS build
WORKDIR /app
RUN mkdir -p /app-files && echo seed > /app-files/seed.txt
COPY package*.json ./
COPY scripts ./scripts
RUN npm ci
COPY . .
RUN npm prune --omit=dev \
    && mkdir /app-files-1 \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files-1/ \;

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app/node_modules /app/node_modules
COPY --from=build /app-files-1 /app
COPY --from=build /app-files /app-files
CMD ["node", "server.js"]
