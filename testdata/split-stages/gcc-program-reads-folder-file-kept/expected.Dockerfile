FROM gcc:13 AS build
WORKDIR /src
COPY main.c config.txt ./
RUN gcc -O2 -o /usr/local/bin/app main.c

FROM debian:bookworm-slim AS runtime
WORKDIR /src
COPY --from=build /usr/local/bin/app /usr/local/bin/app
COPY --from=build /src /src
CMD ["app"]
