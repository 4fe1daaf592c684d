FROM golang:1.22 AS build
WORKDIR /src
COPY . .
ENV CGO_ENABLED=0
RUN go build -o /app/server .

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /app/server /app/server
COPY --from=build /src /src
HEALTHCHECK CMD /app/server -check || exit 1
ENTRYPOINT ["/app/server"]
