FROM debian:bookworm
SHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]
RUN mkdir /app
RUN touch /app/a
