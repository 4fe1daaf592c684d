FROM python:3.8-slim AS runtime
WORKDIR /app
COPY . .
RUN python3.8 -m compileall -q .
CMD ["/bin/sh", "-c", "python3.8 main.py"]
