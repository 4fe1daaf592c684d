FROM debian:bookworm
RUN python3 --version \
    && ln -s /usr/bin/python3 /usr/local/bin/python3
RUN python3 -c 'import sys; print(sys.executable)' > /exe
