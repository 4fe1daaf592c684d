FROM python:3.11-slim AS runtime
WORKDIR /app
RUN apt-get update \
    && apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confold ffmpeg \
    && rm -rf /var/lib/apt/lists/*
COPY . .
CMD ["python", "app.py"]
