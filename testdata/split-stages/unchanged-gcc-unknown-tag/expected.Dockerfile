FROM gcc:9
WORKDIR /app
COPY main.c .
RUN gcc -o app main.c
CMD ["./app"]
