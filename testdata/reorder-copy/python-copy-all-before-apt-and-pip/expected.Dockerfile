FROM python:3.11
WORKDIR /app
COPY requirements.txt ./
RUN apt-get update && apt-get install -y libpq5
RUN pip install -r requirements.txt
COPY . .
CMD ["python","app.py"]
