FROM python:3.12-slim
ENV GITHUB_TOKEN ghp_fake0123456789
RUN pip install flask
