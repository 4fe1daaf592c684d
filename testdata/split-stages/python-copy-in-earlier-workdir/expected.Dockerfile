FROM python:3.12 AS build
WORKDIR /app
COPY app.py .
WORKDIR /srv
RUN python -m venv /opt/venv
COPY requirements.txt .
RUN /opt/venv/bin/pip install -r requirements.txt

FROM python:3.12-slim AS runtime
WORKDIR /app
WORKDIR /srv
COPY --from=build /app /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv /srv
CMD ["/opt/venv/bin/python", "/app/app.py"]
