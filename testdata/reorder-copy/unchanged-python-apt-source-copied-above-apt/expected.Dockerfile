FROM python:3.11
WORKDIR /app
COPY . .
COPY mirror.list /etc/apt/sources.list.d/mirror.list
RUN apt-get update && apt-get install -y libpq5
RUN pip install -r requirements.txt
CMD ["python","app.py"]
