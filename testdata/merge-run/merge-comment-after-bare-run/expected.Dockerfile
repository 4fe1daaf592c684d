FROM debian:bookworm
# fetch the index first
RUN apt-get update \
    && apt-get install -y curl \
    && rm -rf /var/lib/apt/lists/*
# a comment between the flag and the command
# keep this comment, trailing blanks too  
#   and this one, unindented
RUN --mount=type=cache,target=/root/.cache echo one \
    && echo two \
    && echo three
