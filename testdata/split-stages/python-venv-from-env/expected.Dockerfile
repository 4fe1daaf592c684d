FROM python:3.12 AS build
ENV VIRTUAL_ENV=/opt/venv
RUN python -m venv "$VIRTUAL_ENV"
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
ENV APP_HOME=/srv/app
WORKDIR ${APP_HOME}
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY app.py $APP_HOME/

FROM python:3.12-slim AS runtime
ENV VIRTUAL_ENV=/opt/venv
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
ENV APP_HOME=/srv/app
WORKDIR ${APP_HOME}
COPY --from=build /opt/venv /opt/venv
COPY --from=build /srv/app /srv/app
CMD ["python", "app.py"]
