FROM --platform=linux/arm/v7 gcc:13 AS build
WORKDIR /src
COPY main.cpp .
RUN g++ -O2 -o app main.cpp

FROM --platform=linux/arm/v7 debian:bookworm-slim AS runtime
COPY --from=build /usr/local/lib/libstdc++.so.6 /usr/local/lib/libgcc_s.so.1 /usr/local/lib/
COPY --from=build /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf
RUN ldconfig
WORKDIR /src
COPY --from=build /src /src
CMD ["./app"]
