FROM gcc:13 AS build
RUN useradd -m app
WORKDIR /src
COPY main.c .
RUN gcc -O2 -o /usr/local/bin/euid main.c && chmod u+s /usr/local/bin/euid

FROM debian:bookworm-slim AS runtime
RUN useradd -m app
WORKDIR /src
COPY --from=build /usr/local/bin/euid /usr/local/bin/euid
USER app
CMD ["euid"]
