FROM golang:1.22-alpine AS build
RUN apk add --no-cache git ca-certificates
WORKDIR /app
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /app
COPY --from=build /app/server /app/server
EXPOSE 8080
ENTRYPOINT ["/app/server"]
