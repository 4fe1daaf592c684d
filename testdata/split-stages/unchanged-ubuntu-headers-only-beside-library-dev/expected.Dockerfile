FROM ubuntu:22.04
RUN apt-get update && apt-get install -y --no-install-recommends g++ make libasio-dev libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make
ENTRYPOINT ["./hello"]
