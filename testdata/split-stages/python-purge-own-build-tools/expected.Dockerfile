FROM python:3.11-slim-bookworm AS build
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends gcc libyaml-dev \
    && pip install --no-index --no-build-isolation ./yamlver \
    && apt-get purge -y gcc libyaml-dev \
    && rm -rf /var/lib/apt/lists/*

FROM python:3.11-slim-bookworm AS runtime
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libyaml-0-2 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /app /app
CMD ["python", "main.py"]
