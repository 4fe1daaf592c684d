FROM debian:13-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && apt-get dist-clean
CMD ["curl", "--version"]
