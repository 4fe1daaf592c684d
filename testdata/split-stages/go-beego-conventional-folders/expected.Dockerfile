FROM golang:1.22 AS build
WORKDIR /app
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go mod download
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /app
COPY --from=build /app/conf /app/conf
COPY --from=build /app/views /app/views
COPY --from=build /app/server /app/server
EXPOSE 8080
CMD ["./server"]
