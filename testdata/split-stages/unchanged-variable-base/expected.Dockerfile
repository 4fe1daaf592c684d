ARG PY=3.11
FROM python:${PY}-bookworm
WORKDIR /app
COPY . .
CMD ["python", "app.py"]
