FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates
WORKDIR /opt/tool
COPY packages.txt .
RUN xargs apt-get install -y --no-install-recommends < packages.txt
COPY tool.sh .
CMD ["./tool.sh"]
