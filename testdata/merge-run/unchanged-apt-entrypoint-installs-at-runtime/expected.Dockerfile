FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
COPY docker-entrypoint.sh /usr/local/bin/
ENTRYPOINT ["docker-entrypoint.sh"]
