FROM python:3.12 AS build
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY pyproject.toml .
COPY src ./src
RUN pip install -e .

FROM python:3.12-slim AS runtime
WORKDIR /app
ENV PATH=/opt/venv/bin:$PATH
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
CMD ["python", "-m", "hello"]
