FROM gcc:12 AS build
WORKDIR /work
COPY sum.c .
RUN gcc -O2 -fopenmp -o sum sum.c

FROM debian:bookworm-slim AS runtime
COPY --from=build /usr/local/lib64/libgomp.so.1 /usr/local/lib64/
COPY --from=build /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf
RUN ldconfig
WORKDIR /work
COPY --from=build /work /work
CMD ["./sum"]
