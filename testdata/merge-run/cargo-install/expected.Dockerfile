FROM rust:1.79
RUN cargo install ripgrep \
    && rm -rf "${CARGO_HOME:-$HOME/.cargo}/registry" "${CARGO_HOME:-$HOME/.cargo}/git"
