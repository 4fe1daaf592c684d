FROM debian:bookworm
RUN sleep 1 & touch /a
RUN touch /b
