FROM node:18 AS build

WORKDIR /app

COPY server/package*.json server/
RUN cd server && npm ci

COPY client/package*.json client/
RUN cd client && npm ci

COPY . .
RUN cd client && npm run build

FROM node:18-slim AS runtime
WORKDIR /app
COPY --from=build /root/.npm/_update-notifier-last-checke[d] /root/.npm/
COPY --from=build /app /app

WORKDIR /app/server
EXPOSE 5000
CMD ["npm", "start"]
