ARG BASE=python:3.11-bookworm
FROM ${BASE}
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY . .
RUN pip install --no-index -r requirements.txt
CMD ["python", "app.py"]
