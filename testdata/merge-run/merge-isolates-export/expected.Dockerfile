FROM debian:bookworm
RUN ( export A=1 && echo "$A" > /a ) \
    && echo "$A" > /f
