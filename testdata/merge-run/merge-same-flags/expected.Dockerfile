FROM debian:bookworm
RUN --network=none mkdir /app \
    && touch /app/a
