FROM python:3.11
WORKDIR /app
COPY . .
RUN python -c "import os; os.chdir('..'); open('seed.txt', 'w').write('x')"
CMD ["python", "app.py"]
