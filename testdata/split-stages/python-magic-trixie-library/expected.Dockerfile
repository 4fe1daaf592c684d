FROM python:3.13-trixie AS build
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml .
COPY . .
RUN pip install --no-cache-dir .

FROM python:3.13-slim-trixie AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libmagic1t64 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
CMD ["python", "app.py"]
