FROM golang:1.22 AS build
COPY . /app
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod cd /app && CGO_ENABLED=0 go build -o server .

FROM debian:bookworm-slim AS runtime
WORKDIR /go
COPY --from=build /app /app
CMD /app/server
