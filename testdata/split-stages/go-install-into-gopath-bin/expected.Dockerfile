FROM golang:1.22 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go install .

FROM gcr.io/distroless/static-debian12 AS runtime
USER root
ENV PATH=/go/bin:$PATH
WORKDIR /src
COPY --from=build /go/bin/app /go/bin/app
CMD ["/go/bin/app"]
