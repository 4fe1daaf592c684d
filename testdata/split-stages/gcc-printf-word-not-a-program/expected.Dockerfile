FROM gcc:13 AS build
WORKDIR /src
COPY main.c .
RUN gcc -O2 -o app main.c -lz

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends zlib1g \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /src /src
CMD ["./app"]
