FROM rust:1.41
WORKDIR /usr/src/fetcher
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release --locked
CMD ["/usr/src/fetcher/target/release/fetcher"]
