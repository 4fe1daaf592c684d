FROM node:20 AS build
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build

FROM node:20 AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

FROM node:20-slim AS runtime
RUN npm install -g http-server@14.1.1
WORKDIR /app
COPY --from=deps /app/node_modules /app/node_modules
COPY . .
COPY --from=build /app/dist /app/dist
HEALTHCHECK --interval=3s --timeout=3s --retries=2 CMD node healthcheck.js
CMD ["http-server", "web", "-p", "3000"]
