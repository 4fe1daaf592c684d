FROM python:3.11-slim-bookworm AS runtime
WORKDIR /srv
COPY server.py .
RUN python -m compileall -q .
EXPOSE 8000
CMD ["python", "server.py"]
