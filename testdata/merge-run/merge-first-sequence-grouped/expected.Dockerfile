FROM debian:bookworm
RUN { false; touch /a; } \
    && touch /b
