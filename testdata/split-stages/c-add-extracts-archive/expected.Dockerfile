FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
ADD vendor.tar.gz /opt/vendor/
WORKDIR /src
COPY main.c Makefile ./
RUN make

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /src /src
ADD vendor.tar.gz /opt/vendor/
ENTRYPOINT ["./main"]
