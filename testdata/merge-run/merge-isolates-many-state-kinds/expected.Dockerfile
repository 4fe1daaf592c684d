FROM debian:bookworm
RUN ( umask 077; ulimit -n 1024; alias ll='ls -l'; f() { :; }; for i in 1 2; do :; done ) \
    && touch /f
