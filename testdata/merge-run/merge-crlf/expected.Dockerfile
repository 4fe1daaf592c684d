FROM debian:bookworm
# crlf
RUN mkdir /app \
    && touch /app/a
