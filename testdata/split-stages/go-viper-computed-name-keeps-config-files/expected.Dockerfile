FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /usr/local/bin/server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /src
COPY --from=build /usr/local/bin/server /usr/local/bin/server
COPY --from=build /src/conf /src/conf
CMD ["server", "--config", "prod"]
