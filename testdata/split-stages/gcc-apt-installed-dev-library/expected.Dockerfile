FROM gcc:14-trixie AS build
RUN apt-get update && apt-get install -y --no-install-recommends libsodium-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY seal.c .
RUN gcc -o seal seal.c -lsodium -lz

FROM debian:trixie-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends zlib1g libsodium23 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
CMD ["./seal"]
