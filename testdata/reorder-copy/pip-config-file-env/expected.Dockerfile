FROM python:3.12-slim
WORKDIR /app
COPY pip.conf requirements.txt ./
ENV PIP_CONFIG_FILE=pip.conf
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["python", "app.py"]
