FROM rust:1.80-bookworm
WORKDIR /app
COPY . .
RUN cargo build --release
CMD ["./target/release/app"]
