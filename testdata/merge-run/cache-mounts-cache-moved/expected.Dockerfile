FROM python:3.12-slim
ENV PIP_CACHE_DIR=/tmp/pip-cache
RUN pip install --no-cache-dir requests
