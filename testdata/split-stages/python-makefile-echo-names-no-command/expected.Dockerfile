FROM python:3.12-slim AS build
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends build-essential curl \
    && rm -rf /var/lib/apt/lists/*
COPY requirements.txt ./
RUN pip install -r requirements.txt

FROM python:3.12-slim AS runtime
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.12/dist-package[s] /usr/local/lib/python3.12/dist-packages/
COPY --from=build /usr/local/lib/python3.12/site-package[s] /usr/local/lib/python3.12/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
CMD ["python", "app.py"]
