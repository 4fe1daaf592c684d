FROM golang:1.22 AS build
ARG APP_USER=www-data
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server .

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ARG APP_USER=www-data
WORKDIR /src
COPY --from=build /usr/local/bin/server /usr/local/bin/server
USER ${APP_USER}
CMD ["server"]
