FROM ubuntu:22.04 AS build
RUN apt-get update && apt-get install -y git build-essential
COPY run.sh /opt/tool/run.sh

FROM ubuntu:22.04 AS runtime
RUN apt-get update \
    && apt-get install -y git \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/tool/run.sh /opt/tool/run.sh
ENTRYPOINT ["/opt/tool/run.sh"]
