FROM python:3.12-slim
WORKDIR /srv
COPY requirements.txt /srv/
RUN python -m pip install -r /srv/requirements.txt
COPY . /srv
