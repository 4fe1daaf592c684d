FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
HEALTHCHECK --interval=1m CMD ["sh", "-c", "apt-get install -y --no-download curl >/dev/null && curl -fs http://localhost/"]
CMD ["curl", "--version"]
