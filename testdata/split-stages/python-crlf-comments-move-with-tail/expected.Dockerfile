# syntax=docker/dockerfile:1
# A naive Python image
FROM python:3.11 AS build
WORKDIR /app
RUN python -m venv /opt/venv

FROM python:3.11-slim AS runtime
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY app.py .

# Serve on 8000
EXPOSE 8000
CMD ["/opt/venv/bin/python", "app.py"]
# end
