FROM python:3.11-bookworm AS build
USER nobody
WORKDIR /app
COPY --chown=nobody server.py .
RUN python -m compileall -q .

FROM python:3.11-slim-bookworm AS runtime
USER nobody
WORKDIR /app
COPY --from=build /app /app
EXPOSE 8000
CMD ["python", "server.py"]
