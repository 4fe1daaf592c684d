FROM python:3.11
RUN apt-get update && apt-get install -y --no-install-recommends jq libyaml-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /srv
COPY src ./src
ENV PYTHONPATH=/srv/src
RUN python -m compileall -q src
CMD ["python", "-m", "svc"]
