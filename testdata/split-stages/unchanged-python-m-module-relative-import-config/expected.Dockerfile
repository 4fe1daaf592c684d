FROM python:3.11
WORKDIR /srv
COPY . .
RUN python -m app.tools.seed
CMD ["python", "main.py"]
