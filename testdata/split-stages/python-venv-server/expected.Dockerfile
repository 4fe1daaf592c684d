FROM python:3.11 AS build
ARG PIP_FLAGS=--no-index
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN pip install $PIP_FLAGS -r requirements.txt
COPY app.py .

FROM python:3.11-slim AS runtime
ARG PIP_FLAGS=--no-index
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
EXPOSE 8000
CMD ["python", "app.py"]
