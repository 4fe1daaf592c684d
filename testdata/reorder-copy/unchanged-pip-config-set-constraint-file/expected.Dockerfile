FROM python:3.11
WORKDIR /app
COPY . .
RUN pip config set global.constraint /app/constraints.txt
RUN pip install --no-index -r requirements.txt
CMD ["python", "app.py"]
