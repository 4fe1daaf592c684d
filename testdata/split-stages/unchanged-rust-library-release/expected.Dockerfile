FROM rust:1.70-buster
WORKDIR /app
COPY . .
RUN cargo build --release
CMD ["./target/release/app"]
