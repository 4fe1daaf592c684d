FROM golang:1.22-bookworm AS build
WORKDIR /app
COPY go.mod main.go ./
ENV CGO_ENABLED=0
RUN go build -o clock . && chown -R 65532:65532 /app

FROM gcr.io/distroless/static-debian12 AS runtime
COPY --from=build --chown=65532:65532 /app/clock /app/clock
WORKDIR /app
USER 65532
ENTRYPOINT ["/app/clock"]
