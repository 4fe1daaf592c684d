FROM ubuntu:22.04
RUN echo "dash dash/sh boolean false" | debconf-set-selections \
    && dpkg-reconfigure -f noninteractive dash
RUN echo {1..3} > /seq
