FROM python:3.11
WORKDIR /app
COPY . .
COPY pip.conf /etc/pip.conf
RUN pip install --no-build-isolation ./pkg
ENV PYTHONPATH=/opt/deps
CMD ["python", "app.py"]
