FROM python:3.11
WORKDIR /app
COPY . .
RUN cp -r assets/* /opt/
CMD ["python","app.py"]
