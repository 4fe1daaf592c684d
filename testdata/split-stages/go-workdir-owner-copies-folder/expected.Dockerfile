FROM golang:1.22 AS build
RUN useradd -u 10001 app
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server . && chown -R app /src

FROM debian:bookworm-slim AS runtime
RUN useradd -u 10001 app
COPY --from=build /usr/local/bin/server /usr/local/bin/server
COPY --from=build --chown=app:root /src /src
WORKDIR /src
USER app
CMD ["server"]
