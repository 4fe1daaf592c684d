FROM rust:1.63-bookworm AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["./target/release/app"]
