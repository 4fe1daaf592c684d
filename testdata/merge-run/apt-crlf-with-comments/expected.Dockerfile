FROM debian:bookworm
# lists
# second
RUN apt-get update \
    && true \
    && apt-get install -y curl \
    && rm -rf /var/lib/apt/lists/*
