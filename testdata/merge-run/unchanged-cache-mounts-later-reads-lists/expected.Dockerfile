FROM debian:bookworm
RUN apt-get update && apt-get install -y curl
COPY . /app
RUN apt-get install -y git
