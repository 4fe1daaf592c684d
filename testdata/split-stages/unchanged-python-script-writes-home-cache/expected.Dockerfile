FROM python:3.11
WORKDIR /app
COPY . .
RUN python scripts/fetch_model.py
EXPOSE 8000
CMD ["python", "app.py"]
