FROM python:3.11
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN python -m grpc_tools.protoc -I protos --python_out=/srv/gen --grpc_python_out=/srv/gen protos/greeter.proto
ENV PYTHONPATH=/srv/gen
CMD ["python", "app.py"]
