FROM rust:1.84-alpine
WORKDIR /app
COPY . .
RUN cargo build --release
CMD ["./target/release/app"]
