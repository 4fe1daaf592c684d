FROM debian:bookworm
RUN mkdir /app \
    && touch /app/a # the marker
