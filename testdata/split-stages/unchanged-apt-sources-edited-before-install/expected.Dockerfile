FROM python:3.11
RUN sed -i "s/ main$/ main contrib non-free/" /etc/apt/sources.list && apt-get update && apt-get install -y --no-install-recommends unrar && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
