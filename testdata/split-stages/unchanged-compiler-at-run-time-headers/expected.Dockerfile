FROM debian:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends python3 gcc libc6-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
RUN python3 -m compileall -q .
CMD ["python3", "app.py"]
