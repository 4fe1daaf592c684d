FROM python:3.11
WORKDIR /app
COPY . .
RUN PIP_CONSTRAINT=constraints.txt pip install --no-index pip
RUN pip install --no-index -r requirements.txt
CMD ["python", "app.py"]
