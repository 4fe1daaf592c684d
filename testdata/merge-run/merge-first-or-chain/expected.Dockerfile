FROM debian:bookworm
RUN { test -d /nope || mkdir /nope; } \
    && touch /nope/x
