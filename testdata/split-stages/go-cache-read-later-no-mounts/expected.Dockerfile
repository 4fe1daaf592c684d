FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
COPY . .
ENV CGO_ENABLED=0
RUN go mod vendor && go build -mod=vendor -o /usr/local/bin/app .
RUN cp -r /go/pkg/mod/cache/download /src/modcache

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /src
COPY --from=build /usr/local/bin/app /usr/local/bin/app
COPY --from=build /src/modcache /src/modcache
CMD ["app"]
