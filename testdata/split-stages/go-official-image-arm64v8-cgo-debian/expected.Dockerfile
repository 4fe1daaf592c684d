FROM arm64v8/golang:1.22-bookworm AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=cache,target=/go/pkg/mod go build -o /app/sqlite-tool .

FROM arm64v8/debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /app/sqlite-tool /app/sqlite-tool
ENTRYPOINT ["/app/sqlite-tool"]
