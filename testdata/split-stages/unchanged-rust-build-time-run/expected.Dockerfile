FROM rust:1-bookworm
WORKDIR /app
COPY . .
RUN cargo run --release --bin seed && cargo build --release
CMD ["./target/release/app"]
