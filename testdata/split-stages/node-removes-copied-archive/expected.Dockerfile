FROM node:20 AS build
WORKDIR /app
COPY vendor.tgz /opt/vendor.tgz
COPY . .
RUN npm ci && rm /opt/vendor.tgz

FROM node:20-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["npm", "start"]
