FROM python:3.11
WORKDIR /app
COPY . .
RUN mkdir -p "/srv/my app" && python build.py "/srv/my app"
CMD ["python", "app.py"]
