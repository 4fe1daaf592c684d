FROM golang:1.22 AS build
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o server .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
WORKDIR /go
COPY --from=build /go/static /go/static
COPY --from=build /go/templates /go/templates
COPY --from=build /go/server /go/server
EXPOSE 8080
ENTRYPOINT ["./server"]
