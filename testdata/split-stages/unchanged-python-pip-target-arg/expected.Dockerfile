FROM python:3.11
ARG PIP_TARGET=/opt/deps
WORKDIR /app
COPY . .
RUN pip install --no-build-isolation ./pkg
ENV PYTHONPATH=/opt/deps
CMD ["python", "app.py"]
