FROM debian:bookworm AS build
RUN apt-get update
RUN apt-get upgrade -y
RUN apt-get -y install build-essential lsof
WORKDIR /src
COPY . /src
RUN make

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get upgrade -y
RUN apt-get update \
    && apt-get install -y lsof \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /src /src
ENTRYPOINT ["./run.sh"]
