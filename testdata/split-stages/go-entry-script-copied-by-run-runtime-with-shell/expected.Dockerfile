FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod ./
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /usr/local/bin/server ./cmd/server && cp docker-entrypoint.sh /usr/local/bin/

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /usr/local/bin/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
COPY --from=build /usr/local/bin/server /usr/local/bin/server
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["--port", "8080"]
