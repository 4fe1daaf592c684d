FROM debian:bookworm
RUN apt-get update
# The install must stay its own layer: a later stage copies /var/lib/apt from this image.
# msb-opt ignore=merge-run
RUN apt-get install -y curl
