FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go install .

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /go/bin/app /go/bin/app
CMD ["/go/bin/app"]
