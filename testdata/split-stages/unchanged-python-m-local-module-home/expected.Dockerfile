FROM python:3.11
WORKDIR /app
COPY pkgs /tmp/pkgs
RUN pip install --no-build-isolation /tmp/pkgs
RUN python -m dl.downloader
COPY app.py .
CMD ["python", "app.py"]
