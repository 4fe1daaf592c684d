FROM python:3.11
RUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/*
RUN adduser --system --group app
WORKDIR /app
COPY . .
RUN python fetch.py && chown -R app:app /app
USER app
CMD ["python", "app.py"]
