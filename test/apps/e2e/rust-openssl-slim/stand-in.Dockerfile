# A stand-in for the official rust slim image, which the docker farm lacks: Debian bookworm's own Rust 1.63,
# with Debian's packaged crates (librust-openssl-dev) as the registry, since the build has no crates.io.
# Unlike the official image, cargo is in /usr/bin and there is no /usr/local/cargo (CARGO_HOME is ~/.cargo).
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends rustc cargo libc6-dev ca-certificates librust-openssl-dev && rm -rf /var/lib/apt/lists/*
