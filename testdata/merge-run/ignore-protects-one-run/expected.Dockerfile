FROM debian:bookworm
RUN mkdir -p /app
RUN touch /app/a
# msb-opt ignore=merge-run
RUN touch /app/b
RUN touch /app/c
RUN touch /app/d
