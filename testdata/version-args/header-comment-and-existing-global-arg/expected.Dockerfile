# syntax=docker/dockerfile:1
# Copyright 2026 Example Corp.
# The web service image.

ARG APP_USER=web
ARG PYTHON_VERSION=3.12.7
FROM python:${PYTHON_VERSION} AS build
RUN python -m venv /opt/venv
FROM python:${PYTHON_VERSION}-slim
COPY --from=build /opt/venv /opt/venv
CMD ["/opt/venv/bin/python", "-m", "http.server"]
