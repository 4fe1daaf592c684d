FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y make
COPY build.sh /usr/local/bin/build.sh
ENTRYPOINT ["build.sh"]
