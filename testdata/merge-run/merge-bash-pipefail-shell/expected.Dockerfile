FROM debian:bookworm
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN ( shopt -s nullglob; . /etc/os-release && echo "$ID" > /id ) \
    && echo /tmp/* | tee /listing
