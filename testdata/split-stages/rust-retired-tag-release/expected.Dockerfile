FROM rust:1.75 AS build
WORKDIR /usr/src/fetcher
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN --mount=type=cache,target=/usr/local/cargo/registry --mount=type=cache,target=/usr/local/cargo/git cargo build --release --locked

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/fetcher
COPY --from=build /usr/src/fetcher/target/release/fetcher /usr/src/fetcher/target/release/fetcher
CMD ["/usr/src/fetcher/target/release/fetcher"]
