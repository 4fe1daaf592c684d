FROM debian:12.15
RUN apt-get update
# MSB-OPT-IGNORE
RUN apt-get install -y curl
RUN echo a
# msb-opt ignore=all
RUN echo b
RUN echo c
# msb-opt-ignore merge-run
RUN echo d
CMD ["bash"]
