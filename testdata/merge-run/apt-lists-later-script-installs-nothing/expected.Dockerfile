FROM debian:bookworm
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/tool
COPY . .
RUN ./install-deps.sh
CMD ["./tool.sh"]
