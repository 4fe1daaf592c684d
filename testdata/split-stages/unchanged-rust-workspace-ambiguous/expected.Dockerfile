FROM rust:1-bookworm
WORKDIR /ws
COPY . .
RUN cargo build --release
CMD ["./target/release/tool"]
