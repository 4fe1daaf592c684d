FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
RUN python -c "import json, textblob.download_corpora as d; d.download_all()"
CMD ["python", "app.py"]
