FROM gcc:14 AS build
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y libboost-system-dev libboost-thread-dev
RUN g++ -o server main.cpp -lboost_system -lboost_thread -lpthread

FROM debian:trixie-slim AS runtime
COPY --from=build /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
COPY --from=build /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf
RUN ldconfig
WORKDIR /app
RUN apt-get update \
    && apt-get install -y libboost-system1.83.0 libboost-thread1.83.0 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /app /app
EXPOSE 12345
CMD ["./server"]
