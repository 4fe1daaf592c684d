FROM python:3.11 AS build
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY . .
RUN pip install --no-index --no-build-isolation ./stubs/flask

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
CMD ["flask", "run"]
