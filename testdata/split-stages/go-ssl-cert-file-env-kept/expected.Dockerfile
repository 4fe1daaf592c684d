FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /usr/local/bin/app .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /src
COPY --from=build /usr/local/bin/app /usr/local/bin/app
COPY --from=build /src/certs/corp.pem /src/certs/corp.pem
ENV SSL_CERT_FILE=/src/certs/corp.pem
CMD ["app"]
