FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /out/server .
RUN go test ./...

FROM debian:bookworm-slim
COPY --from=0 /out/server /usr/local/bin/server
ENTRYPOINT ["server"]
