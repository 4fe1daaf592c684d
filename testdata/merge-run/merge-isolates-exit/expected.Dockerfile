FROM debian:bookworm
RUN ( test -f /etc/debian_version || exit 0 ) \
    && touch /done
