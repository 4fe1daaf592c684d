FROM debian:bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends jq bc git build-essential \
    && rm -rf /var/lib/apt/lists/*
COPY tool.sh /usr/local/bin/tool
RUN chmod +x /usr/local/bin/tool

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends jq bc \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin/tool /usr/local/bin/tool
ENTRYPOINT ["tool"]
