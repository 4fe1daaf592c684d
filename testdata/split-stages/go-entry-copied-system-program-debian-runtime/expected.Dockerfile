FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /usr/local/bin/server . && cp /usr/bin/env /usr/local/bin/myenv

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /usr/local/bin/myenv /usr/local/bin/myenv
COPY --from=build /usr/local/bin/server /usr/local/bin/server
ENTRYPOINT ["/usr/local/bin/myenv"]
CMD ["server"]
