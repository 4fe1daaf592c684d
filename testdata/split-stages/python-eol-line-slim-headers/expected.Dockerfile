FROM python:3.8-slim AS build
RUN apt-get update && apt-get -y install libpq-dev gcc
WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM python:3.8-slim AS runtime
RUN apt-get update \
    && apt-get install -y libpq5 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.8/dist-package[s] /usr/local/lib/python3.8/dist-packages/
COPY --from=build /usr/local/lib/python3.8/site-package[s] /usr/local/lib/python3.8/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
CMD ["python", "app.py"]
