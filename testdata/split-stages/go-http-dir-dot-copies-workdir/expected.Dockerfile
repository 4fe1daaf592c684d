FROM golang:1.22 AS build
WORKDIR /srv/www
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /usr/local/bin/fileserver .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /srv/www
COPY --from=build /usr/local/bin/fileserver /usr/local/bin/fileserver
COPY --from=build /srv/www /srv/www
EXPOSE 8080
CMD ["fileserver"]
