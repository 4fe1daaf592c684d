FROM golang:1.22-bookworm AS build
COPY . /src
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod cd /src && go build -o /usr/local/bin/hello .

FROM debian:bookworm-slim AS runtime
WORKDIR /go
COPY --from=build /src /src
COPY --from=build /usr/local/bin/hello /usr/local/bin/hello
CMD hello --greeting "$GREETING"
