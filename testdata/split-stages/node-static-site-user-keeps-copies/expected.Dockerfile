FROM node:20 AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY --chown=node:node package.json package-lock.json ./
RUN npm ci
COPY --chown=node:node . .
USER node
RUN npm run build

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
WORKDIR /app
USER node
COPY --chown=node:node . .
COPY --from=build --chown=node:node /app/dist /app/dist
EXPOSE 8080
CMD ["serve", "-s", "dist", "-l", "8080"]
