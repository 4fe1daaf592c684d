FROM rust:1-trixie AS build
WORKDIR /ws
COPY . .
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release -p api

FROM debian:trixie-slim AS runtime
WORKDIR /ws
COPY --from=build /ws/static /ws/static
COPY --from=build /ws/target/release/api /ws/target/release/api
CMD ["./target/release/api"]
