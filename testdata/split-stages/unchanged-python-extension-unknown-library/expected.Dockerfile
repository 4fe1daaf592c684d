FROM python:3.11-bookworm
WORKDIR /app
COPY . .
RUN pip install --no-index --no-build-isolation ./geosver
CMD ["python", "main.py"]
