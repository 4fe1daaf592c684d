FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev zlib1g-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY main.c .
RUN gcc -O2 -o app main.c -ldl
CMD ["./app"]
