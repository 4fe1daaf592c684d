FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM debian:bookworm-slim
COPY --from=build /out/app /usr/local/bin/app
FROM build AS test
RUN go test ./...
