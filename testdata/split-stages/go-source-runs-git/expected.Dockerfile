FROM golang:1.22 AS build
RUN apt-get update && apt-get install -y --no-install-recommends git build-essential
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app/mirror .

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends git \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /app/mirror /app/mirror
ENTRYPOINT ["/app/mirror"]
