FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends build-essential && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make -j$(nproc)

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /src /src
STOPSIGNAL SIGINT
ENTRYPOINT ["./hello"]
