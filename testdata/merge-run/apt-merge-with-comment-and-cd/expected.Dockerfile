FROM debian:bookworm
# tools
RUN apt-get update \
    && apt-get install -y curl \
    && ( cd /tmp && curl --version > v.txt ) \
    && cat /tmp/v.txt \
    && rm -rf /var/lib/apt/lists/*
