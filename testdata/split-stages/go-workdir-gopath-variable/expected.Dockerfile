FROM golang:1.22 AS build
WORKDIR $GOPATH/src/github.com/example/web
COPY . $GOPATH/src/github.com/example/web
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
ENV GOPATH=/go
WORKDIR $GOPATH/src/github.com/example/web
COPY --from=build /go/src/github.com/example/web/static /go/src/github.com/example/web/static
COPY --from=build /go/src/github.com/example/web/web /go/src/github.com/example/web/web
EXPOSE 8000
ENTRYPOINT ["./web"]
