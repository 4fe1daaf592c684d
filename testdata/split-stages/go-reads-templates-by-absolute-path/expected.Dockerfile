FROM golang:1.22 AS build
WORKDIR /app
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /usr/local/bin/server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /app
COPY --from=build /usr/local/bin/server /usr/local/bin/server
COPY --from=build /app/templates /app/templates
CMD ["server"]
