FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server .

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /usr/local/bin/server /usr/local/bin/server
USER www-data
CMD ["server"]
