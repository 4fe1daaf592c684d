FROM debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && apt-get -y install --no-install-recommends=false jq \
    && apt install --no-install-recommends -y wget \
    && apt-get update \
    && apt-get install -y -o APT::Install-Recommends=true git \
    && rm -rf /var/lib/apt/lists/*
CMD ["curl", "--version"]
