FROM debian:bookworm
RUN apt-get update && apt-get install -y git build-essential
COPY --from=example/tools:1.0 /usr/local/bin/sync /usr/local/bin/sync
WORKDIR /src
COPY . .
RUN make
ENTRYPOINT ["/usr/local/bin/sync"]
