FROM golang:1.22 AS build
WORKDIR /app
COPY . .
ENV CGO_ENABLED=0
RUN go build -o /app/server .
RUN useradd -m app

FROM debian:bookworm-slim AS runtime
RUN useradd -m app
WORKDIR /app
COPY --from=build /app/server /app/server
USER app
CMD ["/app/server"]
