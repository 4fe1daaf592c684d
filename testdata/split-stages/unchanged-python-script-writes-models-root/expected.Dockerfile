FROM python:3.11
WORKDIR /app
COPY . .
RUN python fetch_model.py
CMD ["python", "app.py"]
