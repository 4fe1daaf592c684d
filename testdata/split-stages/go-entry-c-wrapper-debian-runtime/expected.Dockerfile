FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /usr/local/bin/server . && gcc -O2 -o /usr/local/bin/wrapper wrapper.c

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /usr/local/bin/server /usr/local/bin/server
COPY --from=build /usr/local/bin/wrapper /usr/local/bin/wrapper
ENTRYPOINT ["/usr/local/bin/wrapper"]
CMD ["/usr/local/bin/server"]
