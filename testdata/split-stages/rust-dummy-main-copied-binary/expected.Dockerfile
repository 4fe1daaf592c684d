FROM rust:1.85-bookworm AS build
WORKDIR /build
COPY Cargo.toml Cargo.lock ./
RUN mkdir src && echo "fn main() {}" > src/main.rs && cargo build --release && rm -rf src
COPY src ./src
RUN touch src/main.rs && cargo build --release && cp target/release/server /usr/local/bin/server

FROM debian:bookworm-slim AS runtime
WORKDIR /build
COPY --from=build /usr/local/bin/server /usr/local/bin/server
USER nobody
EXPOSE 8080
CMD ["server"]
