FROM python:3.10 AS build
WORKDIR /app
COPY . /app/
RUN pip install poetry
RUN poetry config virtualenvs.create false && poetry install --only main

FROM python:3.10-slim AS runtime
WORKDIR /app
COPY --from=build /root/.config/pypoetry /root/.config/pypoetry
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.10/dist-package[s] /usr/local/lib/python3.10/dist-packages/
COPY --from=build /usr/local/lib/python3.10/site-package[s] /usr/local/lib/python3.10/site-packages/
COPY --from=build /app /app
EXPOSE 8000
CMD ["poetry", "run", "uvicorn", "main:app", "--host", "0.0.0.0", "--port", "8000"]
