FROM debian:bookworm
RUN ( A=1 ) \
    && echo "${A:-unset}" > /f
