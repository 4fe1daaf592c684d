FROM node:20 AS build
WORKDIR /app
COPY package.json ./
RUN npm install
COPY . .
RUN npx tsc \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20 AS deps
WORKDIR /app
COPY package.json ./
RUN --mount=type=cache,target=/root/.npm npm install --omit=dev

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=build /app-files /app
EXPOSE 8080
CMD ["node", "server.js"]
