FROM node:20-slim AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY . .
RUN node build.mjs

FROM build AS files
RUN rm -rf /app/node_modules

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY --from=files /app /app
EXPOSE 8080
CMD ["serve", "-s", "dist", "-l", "8080"]
