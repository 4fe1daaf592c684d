FROM python:3.11-bookworm AS build
ENV HOME=/opt/home
WORKDIR /app
COPY . .
RUN pip install --user -r requirements.txt

FROM python:3.11-slim-bookworm AS runtime
ENV HOME=/opt/home
WORKDIR /app
COPY --from=build /opt/home/.local /opt/home/.local
COPY . .
CMD ["python", "app.py"]
