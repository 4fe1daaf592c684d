FROM golang:1.22 AS build
WORKDIR /app
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o lister .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /app
COPY --from=build /app/static /app/static
COPY --from=build /app/lister /app/lister
CMD ["./lister"]
