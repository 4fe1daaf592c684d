FROM debian:bookworm
RUN mkdir /app
WORKDIR /app
RUN touch a
