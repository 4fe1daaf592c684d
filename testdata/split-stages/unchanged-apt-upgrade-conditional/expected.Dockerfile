FROM debian:bookworm
RUN apt-get update && (apt-get upgrade -y || true) && apt-get install -y build-essential
WORKDIR /src
COPY . .
RUN make
CMD ["./hello"]
