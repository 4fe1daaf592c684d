FROM python:3.11
WORKDIR /app
COPY . .
CMD ["python", "-c", "import subprocess; subprocess.run([\"git\", \"--version\"])"]
