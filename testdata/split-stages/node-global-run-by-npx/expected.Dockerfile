FROM node:20 AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY package*.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm/_cacache npm ci

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
COPY --from=deps /root/.npm/_update-notifier-last-checke[d] /root/.npm/
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/dist /app/dist
CMD ["npx","serve","-s","dist","-l","3000"]
