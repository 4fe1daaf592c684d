FROM python:3.12-bookworm AS build
WORKDIR /srv
RUN python3 -m venv /venv
ENV PATH=/venv/bin:$PATH
COPY . .
RUN /venv/bin/pip install --no-cache-dir -r requirements.txt

FROM python:3.12-slim-bookworm AS runtime
WORKDIR /srv
ENV PATH=/venv/bin:$PATH
COPY --from=build /venv /venv
COPY . .
CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]
