FROM golang:1.17 AS build

WORKDIR /go/src/app

COPY *.go .

RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go mod init dispatch && go get
ENV CGO_ENABLED=0
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go install

FROM debian:bullseye-slim AS runtime
ENV PATH=/go/bin:$PATH
WORKDIR /go/src/app
COPY --from=build /go/bin/dispatch /go/bin/dispatch
COPY --from=build /go/src/app /go/src/app

CMD dispatch
