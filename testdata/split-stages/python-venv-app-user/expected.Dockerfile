FROM python:3.12 AS build
RUN useradd --create-home --shell /bin/bash appuser
WORKDIR /home/appuser/app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt .
RUN pip install --no-index -r requirements.txt

FROM python:3.12-slim AS runtime
RUN useradd --create-home --shell /bin/bash appuser
WORKDIR /home/appuser/app
ENV PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
COPY requirements.txt .
COPY --chown=appuser:appuser app.py .
USER appuser
EXPOSE 8000
CMD ["python", "app.py"]
