FROM gcc:13
WORKDIR /usr/src/app
COPY main.c .
RUN make -f Makefile.linux app
CMD ["./app"]
