FROM debian:bookworm
RUN apt update \
    && apt install --no-install-recommends -y curl \
    && rm -rf /var/lib/apt/lists/*
