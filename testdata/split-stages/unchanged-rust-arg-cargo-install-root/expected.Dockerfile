FROM rust:1.63-bookworm
ARG CARGO_INSTALL_ROOT=/usr/local
WORKDIR /usr/src/app
COPY . .
RUN cargo install --path .
CMD ["app"]
