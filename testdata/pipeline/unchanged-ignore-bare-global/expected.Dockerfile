# msb-opt global ignore
FROM debian:bookworm
RUN apt-get update
RUN apt-get install -y curl
CMD ["bash"]
