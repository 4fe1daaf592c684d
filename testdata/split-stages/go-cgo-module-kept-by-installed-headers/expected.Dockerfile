FROM golang:1.22 AS build
RUN apt-get update && apt-get install -y libvips-dev
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /usr/local/bin/app .

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y ca-certificates libvips42 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /usr/local/bin/app /usr/local/bin/app
CMD ["app"]
