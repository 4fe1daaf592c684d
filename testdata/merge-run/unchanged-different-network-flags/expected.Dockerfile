FROM debian:bookworm
RUN --network=none touch /a
RUN touch /b
