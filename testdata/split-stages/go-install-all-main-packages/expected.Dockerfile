FROM golang:1.22 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go install -v ./...

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
ENV PATH=/go/bin:$PATH
WORKDIR /src
COPY --from=build /go/bin/greeter /go/bin/greeter
COPY --from=build /go/bin/server /go/bin/server
EXPOSE 8080
CMD ["server"]
