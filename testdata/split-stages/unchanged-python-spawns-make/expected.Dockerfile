FROM python:3.11
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH" USER_NAME=world
WORKDIR /app
COPY . .
RUN pip install --no-build-isolation --no-index .
RUN useradd -m appuser && mkdir -p /app/uploads && chown appuser:appuser /app/uploads
USER appuser
EXPOSE 8000
CMD ["python", "-m", "webapp.main"]
