FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server . && mkdir -p /var/lib/app && chown 1000:1000 /var/lib/app

FROM gcr.io/distroless/static-debian12 AS runtime
WORKDIR /src
COPY --from=build /usr/local/bin/server /usr/local/bin/server
COPY --from=build --chown=1000:1000 /var/lib/app /var/lib/app
USER 1000
EXPOSE 8080
CMD ["server"]
