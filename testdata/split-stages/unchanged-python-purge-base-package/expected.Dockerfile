FROM python:3.11-bookworm
WORKDIR /app
COPY . .
RUN apt-get update && apt-get install -y --no-install-recommends libyaml-dev \
    && apt-get purge -y curl \
    && rm -rf /var/lib/apt/lists/*
CMD ["python", "main.py"]
