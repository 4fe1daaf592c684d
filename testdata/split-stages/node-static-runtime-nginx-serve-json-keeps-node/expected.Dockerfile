FROM node:20-slim AS build
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY . .
RUN node build.mjs \
    && mkdir /app-files \
    && find /app -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /app-files/ \;

FROM node:20-slim AS runtime
RUN npm install -g serve@14.2.4
WORKDIR /app
COPY --from=build /app-files /app
EXPOSE 8080
CMD ["serve", "-s", "dist", "-l", "8080"]
