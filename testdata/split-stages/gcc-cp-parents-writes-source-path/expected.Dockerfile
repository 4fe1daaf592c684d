FROM gcc:13 AS build
WORKDIR /src
COPY . .
RUN gcc -O2 -o app main.c && cp --parents conf/app.conf /etc/ && mkdir -p /srv/out && cp -r --parents conf/*.conf /srv/out/

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /etc/conf/app.conf /etc/conf/app.conf
COPY --from=build /srv/out /srv/out
COPY --from=build /src /src
CMD ["./app"]
