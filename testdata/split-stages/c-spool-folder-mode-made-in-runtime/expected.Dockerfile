FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY main.c .
RUN gcc -o /usr/local/bin/spooler main.c && mkdir -p /var/spool/app && chmod 1777 /var/spool/app

FROM debian:bookworm-slim AS runtime
RUN mkdir -p /var/spool/app \
    && chmod 1777 /var/spool/app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libc6 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=build /usr/local/bin/spooler /usr/local/bin/spooler
COPY --from=build /var/spool/app /var/spool/app
COPY --from=build /src /src
USER nobody
CMD ["spooler"]
