FROM python:3.12-slim
ENV PIP_INDEX_URL=https://deploy:hunter2@pypi.example.com/simple
RUN pip install flask
