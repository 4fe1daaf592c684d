FROM gcc:13
WORKDIR /usr/src/app
COPY . .
RUN make
CMD ["./app"]
