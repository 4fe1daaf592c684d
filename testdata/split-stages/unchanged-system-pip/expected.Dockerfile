FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install --prefix=/opt/deps -r requirements.txt
ENV PYTHONPATH=/opt/deps/lib/python3.11/site-packages
CMD ["python", "app.py"]
