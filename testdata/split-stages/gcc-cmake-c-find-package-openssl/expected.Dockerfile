FROM gcc:15 AS build
RUN apt-get update && apt-get install -y --no-install-recommends cmake && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/hasher
COPY CMakeLists.txt .
COPY src ./src
RUN cmake -S . -B out && cmake --build out

FROM debian:trixie-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3t64 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/hasher
COPY --from=build /opt/hasher /opt/hasher
ENTRYPOINT ["/opt/hasher/out/hasher"]
