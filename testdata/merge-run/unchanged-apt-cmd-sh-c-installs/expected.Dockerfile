FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
CMD ["sh", "-c", "apt-get install -y jq && jq --version"]
