FROM gcc:13 AS build
WORKDIR /usr/src
COPY ./src/ .
RUN apt-get update; apt-get install -y build-essential cmake
RUN cmake -S . -B build && cmake --build build

FROM debian:bookworm-slim AS runtime
COPY --from=build /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
COPY --from=build /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf
RUN ldconfig
WORKDIR /usr/src
COPY --from=build /usr/src /usr/src
CMD ["./build/app"]
