FROM rust:1-bookworm
COPY . .
RUN cargo build --release
CMD ["./target/release/app"]
