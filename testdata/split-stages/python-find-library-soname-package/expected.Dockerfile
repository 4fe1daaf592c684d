FROM python:3.11-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends libmagic-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY src ./src
ENV PYTHONPATH=/srv/src
RUN python -m compileall -q src

FROM python:3.11-slim-bookworm AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmagic1 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
ENV PYTHONPATH=/srv/src
COPY --from=build /srv/src /srv/src
CMD ["python", "-m", "svc"]
