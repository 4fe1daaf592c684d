FROM python:3.11
RUN env useradd -m app
WORKDIR /app
COPY app.py .
USER app
CMD ["python", "app.py"]
