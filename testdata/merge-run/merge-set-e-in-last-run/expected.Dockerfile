FROM debian:bookworm
RUN mkdir /app \
    && { set -eux; touch /app/a; touch /app/b; }
