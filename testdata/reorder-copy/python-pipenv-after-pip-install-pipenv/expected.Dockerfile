FROM python:3.11
WORKDIR /app
COPY Pipfile Pipfile.lock ./
RUN pip3 install pipenv
RUN pipenv install --system --deploy --ignore-pipfile
COPY . .
CMD ["python", "app.py"]
