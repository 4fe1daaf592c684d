FROM python:3.11
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
RUN python -c "import nltk; nltk.download('punkt')"
CMD ["python", "app.py"]
