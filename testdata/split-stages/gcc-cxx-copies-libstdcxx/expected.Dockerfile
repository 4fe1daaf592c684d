FROM gcc:14 AS build
WORKDIR /app
COPY main.cpp .
RUN g++ -O2 -o hello main.cpp

FROM debian:trixie-slim AS runtime
COPY --from=build /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
COPY --from=build /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf
RUN ldconfig
WORKDIR /app
COPY --from=build /app /app
EXPOSE 8080
CMD ["./hello"]
