FROM golang:1.22 AS build
WORKDIR /app
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app/server .

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/server /app/server
CMD ["/app/server"]
