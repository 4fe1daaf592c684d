FROM python:3.12 AS build
WORKDIR /usr/src/app
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY entrypoint.sh .
RUN sed -i 's/\r$//g' /usr/src/app/entrypoint.sh && chmod +x /usr/src/app/entrypoint.sh
COPY . .

FROM python:3.12-slim AS runtime
WORKDIR /usr/src/app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.12/dist-package[s] /usr/local/lib/python3.12/dist-packages/
COPY --from=build /usr/local/lib/python3.12/site-package[s] /usr/local/lib/python3.12/site-packages/
COPY --from=build /usr/src/app /usr/src/app
ENTRYPOINT ["/usr/src/app/entrypoint.sh"]
