FROM debian:bookworm
RUN echo a | tee /a \
    && cat /a | wc -l > /count
