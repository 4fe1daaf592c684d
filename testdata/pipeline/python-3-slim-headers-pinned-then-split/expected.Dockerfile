ARG PYTHON_VERSION=3.14.7

FROM python:${PYTHON_VERSION}-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y gcc libpq-dev
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM python:${PYTHON_VERSION}-slim AS runtime
WORKDIR /app
RUN apt-get update \
    && apt-get install -y libpq5 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.14/dist-package[s] /usr/local/lib/python3.14/dist-packages/
COPY --from=build /usr/local/lib/python3.14/site-package[s] /usr/local/lib/python3.14/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
CMD ["python", "app.py"]
