FROM debian:bookworm
RUN mkdir -p /app \
    && touch /app/a
# msb-opt ignore=merge-run
RUN touch /app/b
RUN touch /app/c \
    && touch /app/d
