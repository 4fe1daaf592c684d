FROM python:3.11
WORKDIR /app
COPY . .
RUN wget -q --trust-server-names -P /opt/models https://example.com/models/latest
CMD ["python", "app.py"]
