FROM python:3.12-slim
WORKDIR /app
COPY wheels ./wheels/
COPY requirements.txt ./
COPY ci/pip.conf /etc/pip.conf
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
