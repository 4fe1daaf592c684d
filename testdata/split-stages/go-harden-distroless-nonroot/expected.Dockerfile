FROM golang:1.22 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app/server .

FROM gcr.io/distroless/static-debian12 AS runtime
COPY --from=build --chown=65532:65532 /app/server /app/server
USER 65532:65532
WORKDIR /src
EXPOSE 8080
ENTRYPOINT ["/app/server"]
