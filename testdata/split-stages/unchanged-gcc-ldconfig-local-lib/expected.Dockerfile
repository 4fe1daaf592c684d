FROM gcc:13
WORKDIR /src
COPY . .
RUN gcc -shared -fPIC -o /usr/local/lib/libgreet.so greet.c && ldconfig && gcc -o app main.c -lgreet
CMD ["./app"]
