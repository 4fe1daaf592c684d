FROM node:20 AS build
WORKDIR /app
COPY . .
RUN npm install
COPY *.env .

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["node", "server.js"]
