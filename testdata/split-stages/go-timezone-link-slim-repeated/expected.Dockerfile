FROM golang:1.22 AS build
RUN ln -sf /usr/share/zoneinfo/Europe/Paris /etc/localtime && echo Europe/Paris > /etc/timezone
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /usr/local/bin/tz .

FROM debian:bookworm-slim AS runtime
RUN ln -sf /usr/share/zoneinfo/Europe/Paris /etc/localtime \
    && echo Europe/Paris > /etc/timezone
WORKDIR /src
COPY --from=build /usr/local/bin/tz /usr/local/bin/tz
CMD ["tz"]
