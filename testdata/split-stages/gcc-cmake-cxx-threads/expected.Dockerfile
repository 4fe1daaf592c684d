FROM gcc:latest AS build
RUN apt-get update && apt-get install -y cmake
WORKDIR /app
COPY . .
WORKDIR /app/build
RUN cmake .. && make

FROM debian:trixie-slim AS runtime
COPY --from=build /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
COPY --from=build /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf
RUN ldconfig
WORKDIR /app
WORKDIR /app/build
COPY --from=build /app /app
EXPOSE 80
CMD ["/app/build/server"]
