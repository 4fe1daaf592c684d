FROM gcc:latest
WORKDIR /app
ADD src.tar.gz /app/
RUN make
CMD ["./app"]
