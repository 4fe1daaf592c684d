FROM node:20 AS build
RUN npm install -g http-server@14.1.1
WORKDIR /srv/site
COPY . .
RUN node build.mjs \
    && mkdir /srv/site-files \
    && find /srv/site -mindepth 1 -maxdepth 1 ! -name node_modules -exec cp -a {} /srv/site-files/ \;

FROM node:20-slim AS runtime
RUN npm install -g http-server@14.1.1
WORKDIR /srv/site
COPY --from=build /srv/site-files /srv/site
EXPOSE 9000
CMD ["http-server", "dist", "-p", "9000", "--cors"]
