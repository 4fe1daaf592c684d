FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt constraints.txt ./
COPY requirements/base.txt ./requirements/
RUN apt-get update && apt-get install -y --no-install-recommends gcc \
    && pip install --no-cache-dir -r requirements.txt \
    && rm -rf /var/lib/apt/lists/*
COPY . .
CMD ["python", "app.py"]
