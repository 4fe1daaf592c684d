FROM python:3.11 AS build
ENV HOME=/opt/home
WORKDIR /app
COPY . .
RUN pip install --user --no-build-isolation ./pkg

FROM python:3.11-slim AS runtime
ENV HOME=/opt/home
WORKDIR /app
COPY --from=build /opt/home/.local /opt/home/.local
COPY --from=build /app /app
CMD ["python", "app.py"]
