FROM python:3.11-bookworm AS build
WORKDIR /app
COPY greet ./greet
RUN pip install --no-index --no-build-isolation --target /opt/deps ./greet
COPY main.py .

FROM python:3.11-slim-bookworm AS runtime
WORKDIR /app
COPY --from=build /opt/deps /opt/deps
COPY --from=build /app /app
ENV PYTHONPATH=/opt/deps
CMD ["python", "main.py"]
