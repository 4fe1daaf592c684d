# syntax=docker/dockerfile:1.4
FROM debian:bookworm
RUN <<EOT
set -e
apt-get update
apt-get install -y curl
EOT
