ARG GO_VERSION=1.22

FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS build
WORKDIR /src
COPY . .
RUN go build -o /out/server .

FROM golang:${GO_VERSION}-bookworm AS debug
COPY --from=build /out/server /usr/local/bin/server
ENTRYPOINT ["server"]

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/server /server
ENTRYPOINT ["/server"]
