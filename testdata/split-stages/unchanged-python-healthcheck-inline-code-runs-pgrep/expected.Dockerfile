FROM python:3.11
WORKDIR /app
COPY . .
HEALTHCHECK CMD python3 -c "import subprocess,sys; sys.exit(subprocess.call([\"pgrep\", \"-f\", \"app.py\"]))"
CMD ["python", "app.py"]
