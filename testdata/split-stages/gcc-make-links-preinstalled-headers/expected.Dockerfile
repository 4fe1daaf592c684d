FROM gcc:13 AS build
WORKDIR /src
COPY . .
RUN make

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libssl3 libsqlite3-0 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /src /src
CMD ["./digest"]
