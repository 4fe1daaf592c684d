FROM golang:1.22 AS build
ARG CGO=1
ENV CGO_ENABLED=$CGO
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o server .

FROM debian:bookworm-slim AS runtime
ARG CGO=1
ENV CGO_ENABLED=$CGO
WORKDIR /app
COPY --from=build /app/server /app/server
CMD ["./server"]
