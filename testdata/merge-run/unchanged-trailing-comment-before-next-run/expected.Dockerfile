FROM debian:bookworm
RUN cd /tmp && touch x # note
RUN touch x
