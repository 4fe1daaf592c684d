FROM python:3.11 AS build
RUN useradd -r -u 1001 svc
WORKDIR /app
RUN python -m venv .venv
ENV PATH=/app/.venv/bin:$PATH
COPY webapp ./webapp
RUN pip install --no-index --no-build-isolation ./webapp
COPY . .
RUN mkdir -p data && chown svc data

FROM python:3.11-slim AS runtime
RUN useradd -r -u 1001 svc
WORKDIR /app
ENV PATH=/app/.venv/bin:$PATH
COPY --from=build /app /app
USER svc
EXPOSE 8000
CMD ["webapp-serve"]
