ARG DEBIAN_VERSION=12.15

FROM debian:${DEBIAN_VERSION} AS build
RUN apt-get update \
    && apt-get install -y curl

FROM debian:${DEBIAN_VERSION}-slim AS runtime
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*
CMD ["curl", "--version"]
