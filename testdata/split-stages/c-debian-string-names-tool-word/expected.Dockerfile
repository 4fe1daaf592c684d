FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY main.c .
RUN gcc -O2 -o app main.c -lz

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libc6 zlib1g \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /src /src
CMD ["./app"]
