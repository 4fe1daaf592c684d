FROM python:3.11
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN python -c "import os; d=os.path.expanduser('~/.cache/models'); os.makedirs(d); open(d+'/model.bin','w').write('w')"
CMD ["python", "app.py"]
