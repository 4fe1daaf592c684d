FROM python:3.11
COPY . .
RUN pip install -r requirements.txt && python manage.py collectstatic --noinput
CMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]
