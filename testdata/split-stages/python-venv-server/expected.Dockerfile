FROM python:3.11 AS build
ARG PIP_FLAGS=--no-index
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN pip install $PIP_FLAGS -r requirements.txt

FROM python:3.11-slim AS runtime
ARG PIP_FLAGS=--no-index
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
COPY requirements.txt .
COPY app.py .
EXPOSE 8000
CMD ["python", "app.py"]
