FROM debian:bookworm
RUN trap 'rm -f /tmp/x' EXIT; touch /tmp/x
RUN touch /a
