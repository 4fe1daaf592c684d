FROM golang:1.22.5-alpine3.20 AS build
WORKDIR /app
COPY go.mod .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o main .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /app
COPY --from=build /app/main /app/main
EXPOSE 8000
CMD ["/app/main"]
