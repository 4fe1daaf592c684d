# syntax=docker/dockerfile:1.4
FROM debian:bookworm
RUN <<EOT
mkdir /app
EOT
RUN touch /app/a
