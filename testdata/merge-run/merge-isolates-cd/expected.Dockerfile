FROM debian:bookworm
RUN ( cd /tmp && touch x ) \
    && touch y
