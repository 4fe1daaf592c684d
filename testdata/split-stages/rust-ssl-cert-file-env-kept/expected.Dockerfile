FROM rust:1.63-bookworm AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/certs/corp.pem /app/certs/corp.pem
COPY --from=build /app/target/release/app /app/target/release/app
ENV SSL_CERT_FILE=/app/certs/corp.pem
CMD ["./target/release/app"]
