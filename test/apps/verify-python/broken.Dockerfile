# The same app without the third-party package that a module of the app imports.
FROM python:3.11-slim
WORKDIR /srv
COPY app.py jobs.py ./
CMD ["python", "app.py"]
