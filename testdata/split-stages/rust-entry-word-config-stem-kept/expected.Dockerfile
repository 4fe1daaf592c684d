FROM rust:1.80-bookworm AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/conf/app.toml /app/conf/app.toml
COPY --from=build /app/target/release/app /app/target/release/app
CMD ["./target/release/app", "--config", "conf/app"]
