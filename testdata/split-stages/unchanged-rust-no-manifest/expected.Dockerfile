FROM rust:1-bookworm
WORKDIR /app
COPY src ./src
COPY build.sh ./
RUN cargo build --release
CMD ["./target/release/app"]
