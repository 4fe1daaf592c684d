FROM python:3.11
WORKDIR /app
COPY . .
RUN python -m scripts.build_index
CMD ["python","main.py"]
