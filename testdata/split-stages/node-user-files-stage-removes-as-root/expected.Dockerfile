FROM node:20 AS build
RUN mkdir /app && chown node /app
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
USER node
RUN npm run build

FROM node:20 AS deps
RUN mkdir /app && chown node /app
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM build AS files
USER root
RUN mkdir /app-files && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN mkdir /app \
    && chown node /app
WORKDIR /app
USER node
COPY --from=deps /app/node_modules /app/node_modules
COPY --from=files /app-files /app
CMD ["node", "server.js"]
