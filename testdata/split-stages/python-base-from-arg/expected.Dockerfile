ARG BASE=python:3.11-bookworm
ARG RUNTIME_IMAGE=python:3.11-slim-bookworm
FROM ${BASE} AS build
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY . .
RUN pip install --no-index -r requirements.txt

FROM ${RUNTIME_IMAGE} AS runtime
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
COPY . .
CMD ["python", "app.py"]
