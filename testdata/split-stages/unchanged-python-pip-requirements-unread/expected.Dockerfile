FROM python:3.11
ARG REQUIREMENTS
WORKDIR /app
COPY . .
RUN pip install -r "$REQUIREMENTS"
CMD ["python","app.py"]
