FROM python:3.11 AS build
ARG UID=1000
ARG GID=1000
ENV APP_USER=app
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN groupadd -g ${GID} ${APP_USER} && useradd -u ${UID} -g ${GID} -m $APP_USER

FROM python:3.11-slim AS runtime
ARG UID=1000
ARG GID=1000
ENV APP_USER=app
RUN groupadd -g ${GID} app \
    && useradd -u ${UID} -g ${GID} -m app
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
USER app
CMD ["python", "app.py"]
