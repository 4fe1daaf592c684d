FROM golang:1.22 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /usr/local/bin/server .

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /usr/local/bin/server /usr/local/bin/server
COPY --from=build /src/docker-entrypoint.sh /src/docker-entrypoint.sh
COPY --from=build /src/mode.txt /src/mode.txt
EXPOSE 8080
ENTRYPOINT ["/src/docker-entrypoint.sh"]
CMD ["server"]
