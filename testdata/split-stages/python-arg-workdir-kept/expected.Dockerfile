FROM python:3.11 AS build
ARG APP_HOME=/srv/app
WORKDIR $APP_HOME
RUN python -m venv $APP_HOME/venv
COPY requirements.txt .
RUN venv/bin/pip install --no-index -r requirements.txt
COPY app.py .

FROM python:3.11-slim AS runtime
ARG APP_HOME=/srv/app
WORKDIR $APP_HOME
COPY --from=build ${APP_HOME} ${APP_HOME}
EXPOSE 8000
CMD ["venv/bin/python", "app.py"]
