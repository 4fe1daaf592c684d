FROM debian:bookworm
RUN mkdir /app \
    && { test -d /nope || mkdir /nope; }
