FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y jq
COPY run.sh /usr/local/bin/run.sh
CMD ["run.sh"]
