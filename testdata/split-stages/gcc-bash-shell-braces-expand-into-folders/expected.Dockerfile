FROM gcc:13 AS build
WORKDIR /src
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
COPY . .
RUN gcc -O2 -o app main.c && mkdir -p /opt/app/{conf,data} /var/log/app{1..2} && cp conf/app.conf /opt/app/conf/

FROM debian:bookworm-slim AS runtime
WORKDIR /src
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
COPY --from=build /opt/app/conf /opt/app/conf
COPY --from=build /opt/app/data /opt/app/data
COPY --from=build /var/log/app1 /var/log/app1
COPY --from=build /var/log/app2 /var/log/app2
COPY --from=build /src /src
CMD ["./app"]
