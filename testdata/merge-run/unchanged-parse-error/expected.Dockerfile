FROM debian:bookworm
RUN echo "unterminated
RUN touch /a
