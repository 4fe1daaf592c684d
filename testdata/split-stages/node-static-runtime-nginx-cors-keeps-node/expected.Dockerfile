FROM node:20 AS build
RUN npm install -g http-server@14.1.1
WORKDIR /srv/site
COPY . .
RUN node build.mjs

FROM build AS files
RUN rm -rf /srv/site/node_modules

FROM node:20-slim AS runtime
RUN npm install -g http-server@14.1.1
WORKDIR /srv/site
COPY --from=files /srv/site /srv/site
EXPOSE 9000
CMD ["http-server", "dist", "-p", "9000", "--cors"]
