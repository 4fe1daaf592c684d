FROM python:3.12 AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends gcc libpq-dev
COPY poetry.lock pyproject.toml ./
RUN pip install poetry==1.8.3 && \
    poetry config virtualenvs.in-project true && \
    poetry install --no-root --only main
COPY . ./

FROM python:3.12-slim AS runtime
WORKDIR /app
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /root/.config/pypoetry /root/.config/pypoetry
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.12/dist-package[s] /usr/local/lib/python3.12/dist-packages/
COPY --from=build /usr/local/lib/python3.12/site-package[s] /usr/local/lib/python3.12/site-packages/
COPY --from=build /app /app
CMD ["poetry", "run", "uvicorn", "--host=0.0.0.0", "app.main:app"]
