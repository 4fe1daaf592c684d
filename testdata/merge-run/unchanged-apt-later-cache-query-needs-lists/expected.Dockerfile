FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
COPY . /app
RUN apt-cache policy curl > /app/policy.txt && apt-get download jq
