FROM golang:1.22 AS build
ENV APP_TZ=Europe/Paris
WORKDIR /go/src/app
COPY go.mod ./
COPY *.go ./
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod CGO_ENABLED=0 go build -o /go/bin/app .
COPY settings.conf /etc/app/settings.conf

FROM debian:bookworm-slim AS runtime
ENV PATH=/go/bin:$PATH
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV APP_TZ=Europe/Paris
WORKDIR /go/src/app
COPY --from=build /go/bin/app /go/bin/app
COPY --from=build /etc/app/settings.conf /etc/app/settings.conf
EXPOSE 8080
CMD ["/go/bin/app"]
