FROM python:3.12-bookworm AS build
ENV POETRY_VIRTUALENVS_CREATE=false
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN pip install poetry && poetry install --no-root --only main

FROM python:3.12-slim-bookworm AS runtime
ENV POETRY_VIRTUALENVS_CREATE=false
WORKDIR /app
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/lib/python3.12/dist-package[s] /usr/local/lib/python3.12/dist-packages/
COPY --from=build /usr/local/lib/python3.12/site-package[s] /usr/local/lib/python3.12/site-packages/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY . .
CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]
