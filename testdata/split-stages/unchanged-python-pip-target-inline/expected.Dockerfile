FROM python:3.11
WORKDIR /app
COPY . .
RUN PIP_TARGET=/opt/deps pip install --no-build-isolation ./pkg
ENV PYTHONPATH=/opt/deps
CMD ["python", "app.py"]
