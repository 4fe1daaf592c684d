FROM python:3.11
WORKDIR /app
COPY . .
RUN python manage.py collectstatic --noinput
CMD ["python", "manage.py", "runserver"]
