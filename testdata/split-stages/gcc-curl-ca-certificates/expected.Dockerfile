FROM gcc:13 AS build
ENV TZ=Asia/Tokyo
WORKDIR /usr/src/app
COPY main.c .
RUN gcc -O2 -o app main.c -lcurl

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
ENV TZ=Asia/Tokyo
WORKDIR /usr/src/app
COPY --from=build /usr/src/app /usr/src/app
CMD ["./app"]
