FROM python:3.11-bookworm AS build
WORKDIR /app
COPY server.py .
RUN python -m compileall -q . && chown -R nobody /app

FROM python:3.11-slim-bookworm AS runtime
COPY --from=build --chown=nobody:root /app /app
WORKDIR /app
USER nobody
EXPOSE 8000
CMD ["python", "server.py"]
