FROM python:3.11
ARG DEST=/app
COPY . ${DEST}
CMD ["python", "/app/main.py"]
