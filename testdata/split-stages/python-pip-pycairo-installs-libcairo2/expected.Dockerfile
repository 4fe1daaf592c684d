FROM python:3.11 AS build
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

FROM python:3.11-slim AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcairo2 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.11/dist-package[s] /usr/local/lib/python3.11/dist-packages/
COPY --from=build /usr/local/lib/python3.11/site-package[s] /usr/local/lib/python3.11/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
CMD ["python", "app.py"]
