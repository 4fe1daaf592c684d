FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev make && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN make

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libgomp1 libquadmath0 libc6 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /src /src
CMD ["./app"]
