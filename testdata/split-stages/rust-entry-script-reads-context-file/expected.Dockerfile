FROM rust:1.80-bookworm AS build
WORKDIR /app
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release

FROM debian:bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /app/entrypoint.sh /app/entrypoint.sh
COPY --from=build /app/mode.txt /app/mode.txt
COPY --from=build /app/target/release/rsapp /app/target/release/rsapp
ENTRYPOINT ["./entrypoint.sh"]
CMD ["./target/release/rsapp"]
