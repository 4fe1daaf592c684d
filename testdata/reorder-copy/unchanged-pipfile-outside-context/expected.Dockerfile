FROM python:3.12-slim
WORKDIR /app
ENV PIPENV_PIPFILE=/etc/app/Pipfile
COPY . .
RUN pipenv install --deploy --system
