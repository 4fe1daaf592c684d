FROM rust:1.79 AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/Rocket.toml /app/Rocket.toml
COPY --from=build /app/views /app/views
COPY --from=build /app/target/release/app /app/target/release/app
EXPOSE 8000
CMD ["./target/release/app"]
