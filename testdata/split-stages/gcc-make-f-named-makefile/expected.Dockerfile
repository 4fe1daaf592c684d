FROM gcc:13 AS build
WORKDIR /usr/src/app
COPY . .
RUN make -f build/linux.make

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
CMD ["./app"]
