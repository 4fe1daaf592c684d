# A stand-in for the official rust image, which the docker farm lacks: Debian bookworm's own Rust 1.63.
# Unlike the official image, cargo is in /usr/bin and there is no /usr/local/cargo (CARGO_HOME is ~/.cargo).
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends rustc cargo libc6-dev ca-certificates && rm -rf /var/lib/apt/lists/*
