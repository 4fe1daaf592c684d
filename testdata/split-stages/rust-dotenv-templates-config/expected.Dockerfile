FROM rust:1.84-bookworm AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/.env /app/.env
COPY --from=build /app/settings.toml /app/settings.toml
COPY --from=build /app/templates /app/templates
COPY --from=build /app/target/release/site /app/target/release/site
CMD ["./target/release/site"]
