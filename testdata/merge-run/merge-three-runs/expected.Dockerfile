FROM debian:bookworm
RUN mkdir -p /app \
    && touch /app/a \
    && echo hello > /app/b
CMD ["cat", "/app/b"]
