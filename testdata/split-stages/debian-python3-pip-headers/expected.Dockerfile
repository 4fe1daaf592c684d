FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends python3 python3-pip python3-dev python3-setuptools gcc libyaml-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN pip install --break-system-packages --no-index --no-build-isolation ./yamlver

FROM debian:bookworm-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-setuptools libpython3.11 libyaml-0-2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.11/dist-packages /usr/local/lib/python3.11/dist-packages
COPY --from=build /app /app
CMD ["python3", "main.py"]
