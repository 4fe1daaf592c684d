FROM python:3.11-bookworm AS build
WORKDIR /app
COPY . .
RUN pip install --user -r requirements.txt

FROM python:3.11-slim-bookworm AS runtime
WORKDIR /app
COPY --from=build /root/.local /root/.local
COPY . .
CMD ["python", "app.py"]
