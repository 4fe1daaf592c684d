FROM python:3.11 AS build
WORKDIR /app
COPY . .
RUN python manage.py collectstatic --noinput

FROM python:3.11-slim AS runtime
WORKDIR /app
COPY --from=build /app /app
CMD ["python", "manage.py", "runserver"]
