FROM golang:1.22-bookworm AS build
WORKDIR /src
COPY . .
RUN go build -o /app/sqlite-tool .

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /app/sqlite-tool /app/sqlite-tool
COPY --from=build /src /src
ENTRYPOINT ["/app/sqlite-tool"]
