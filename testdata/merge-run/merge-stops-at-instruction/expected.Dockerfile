FROM debian:bookworm
RUN mkdir /app \
    && touch /app/a
COPY . /src
RUN touch /app/b \
    && touch /app/c
