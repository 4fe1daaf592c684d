FROM python:3.11-bookworm
USER nobody
WORKDIR /tmp/src
COPY greet ./greet
RUN pip install --no-index --no-build-isolation --user ./greet
COPY main.py .
CMD ["python", "main.py"]
