# A stand-in for the official gcc image, which the docker farm lacks. The official image builds GCC into /usr/local:
# its run-time libraries (libstdc++, libgcc_s) live in /usr/local/lib64, and /etc/ld.so.conf.d/000-local-lib.conf puts
# that folder before Debian's own, so a C++ program loads them, not Debian's older ones. This one has the same layout,
# with Debian bookworm's own g++ and copies of its libraries in /usr/local/lib64 (libstdc++'s real file and its
# soname link, libgcc_s.so.1 itself), and libsqlite3-dev, one of the headers packages the official image preinstalls
# (buildpack-deps). Without the loader file and ldconfig, the program reports Debian's folder.
FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends gcc g++ libc6-dev make libsqlite3-dev && rm -rf /var/lib/apt/lists/*
RUN set -e; mkdir -p /usr/local/lib64; \
    for so in libstdc++.so.6 libgcc_s.so.1; do \
      real="$(readlink -f "$(g++ -print-file-name="$so")")"; \
      cp "$real" /usr/local/lib64/; \
      [ "$(basename "$real")" = "$so" ] || ln -sf "$(basename "$real")" "/usr/local/lib64/$so"; \
    done; \
    { echo /usr/local/lib64; echo /usr/local/lib; } > /etc/ld.so.conf.d/000-local-lib.conf; \
    ldconfig
