FROM debian:bookworm
# make the folder
# then the files
# the second file
RUN mkdir -p /app \
    && touch /app/a \
    && touch /app/b
