FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
WORKDIR /opt/tool
COPY . .
RUN ./install-deps.sh
CMD ["./tool.sh"]
