FROM python:3.12 AS build
ARG VENV=/opt/venv
ENV VIRTUAL_ENV=$VENV
RUN python -m venv $VIRTUAL_ENV
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt

FROM python:3.12-slim AS runtime
ARG VENV=/opt/venv
ENV VIRTUAL_ENV=$VENV
ENV PATH="$VIRTUAL_ENV/bin:$PATH"
WORKDIR /app
COPY --from=build ${VENV} ${VENV}
COPY . .
CMD ["python", "app.py"]
