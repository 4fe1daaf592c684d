FROM python:3.11
COPY debs /tmp/debs
RUN apt-get update && apt-get install -y /tmp/debs/hello-tool_1.0_all.deb jq && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY app.py .
CMD ["python","app.py"]
