FROM gcc:14-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libspdlog-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY main.cpp .
RUN g++ -o app main.cpp -lspdlog -lfmt

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libfmt9 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/lib64/libstdc++.so.6 /usr/local/lib64/libgcc_s.so.1 /usr/local/lib64/
COPY --from=build /etc/ld.so.conf.d/000-local-lib.conf /etc/ld.so.conf.d/000-local-lib.conf
RUN ldconfig
RUN apt-get update \
    && apt-get install -y --no-install-recommends libspdlog1.10 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
CMD ["./app"]
