FROM gcc:13 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/opt/dl --mount=type=tmpfs,dst=/opt/tmp gcc -O2 -o app main.c && cp conf/app.conf /opt/dl/app.conf && cp conf/app.conf /opt/tmp/app.conf && cp conf/app.conf /etc/app.conf

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /etc/app.conf /etc/app.conf
COPY --from=build /src /src
CMD ["./app"]
