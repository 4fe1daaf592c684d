FROM python:3.11-slim
WORKDIR /app
COPY pip.conf requirements.txt ./
COPY wheels ./wheels/
ENV PIP_CONFIG_FILE=/app/pip.conf
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
