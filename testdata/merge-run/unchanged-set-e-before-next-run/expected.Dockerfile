FROM debian:bookworm
RUN set -e; mkdir /app
RUN touch /app/a
