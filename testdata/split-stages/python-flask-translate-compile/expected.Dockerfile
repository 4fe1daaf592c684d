FROM python:3.12 AS build
WORKDIR /srv/microblog
RUN apt-get update && apt-get install -y --no-install-recommends libpq-dev && rm -rf /var/lib/apt/lists/*
COPY requirements.txt requirements.txt
RUN pip install --no-cache-dir -r requirements.txt
COPY app app
COPY microblog.py config.py ./
RUN flask translate compile

FROM python:3.12-slim AS runtime
WORKDIR /srv/microblog
RUN apt-get update \
    && apt-get install -y --no-install-recommends libpq5 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local/bin /usr/local/bin
COPY --from=build /usr/local/et[c] /usr/local/etc/
COPY --from=build /usr/local/shar[e] /usr/local/share/
COPY --from=build /usr/local/lib/python3.12/dist-package[s] /usr/local/lib/python3.12/dist-packages/
COPY --from=build /usr/local/lib/python3.12/site-package[s] /usr/local/lib/python3.12/site-packages/
COPY --from=build /srv/microblog /srv/microblog
ENV FLASK_APP=microblog.py
EXPOSE 5000
CMD ["gunicorn", "-b", ":5000", "microblog:app"]
