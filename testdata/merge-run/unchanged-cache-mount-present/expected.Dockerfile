FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip pip install requests
