FROM python:3.11 AS base
WORKDIR /app
RUN python -m venv /opt/venv

FROM base
COPY . .
RUN /opt/venv/bin/pip install -r requirements.txt
CMD ["/opt/venv/bin/python", "app.py"]
