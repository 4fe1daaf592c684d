FROM ubuntu:22.04 AS build
RUN apt-get update && apt-get install -y --no-install-recommends g++ make nlohmann-json3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make

FROM ubuntu:22.04 AS runtime
WORKDIR /src
COPY --from=build /src /src
ENTRYPOINT ["./hello"]
