FROM debian:bookworm
RUN mkdir /app \
    && { false; touch /app/after-false; }
