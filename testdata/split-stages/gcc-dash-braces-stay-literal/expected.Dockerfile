FROM gcc:13 AS build
WORKDIR /src
COPY . .
RUN gcc -O2 -o app main.c && mkdir -p /opt/app/{conf,data} && cp conf/app.conf /opt/app/

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /opt/app/app.conf /opt/app/app.conf
COPY --from=build /opt/app/{conf,data} /opt/app/{conf,data}
COPY --from=build /src /src
CMD ["./app"]
