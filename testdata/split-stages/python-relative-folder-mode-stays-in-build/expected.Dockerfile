FROM python:3.12 AS build
WORKDIR /app
RUN mkdir -p data && chmod 777 data
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .

FROM python:3.12-slim AS runtime
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.12/dist-package[s] /usr/local/lib/python3.12/dist-packages/
COPY --from=build /usr/local/lib/python3.12/site-package[s] /usr/local/lib/python3.12/site-packages/
COPY --from=build /app /app
CMD ["python", "app.py"]
