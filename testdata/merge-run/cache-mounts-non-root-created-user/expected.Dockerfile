FROM python:3.12-slim
RUN groupadd -g 1001 app && useradd -m -u 1001 -g app app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001,gid=1001 pip install --user requests
FROM node:20 AS web
RUN adduser --disabled-password --gecos "" --uid 1002 --home /srv/web web
USER web
RUN --mount=type=cache,target=/srv/web/.npm,uid=1002 npm install --prefix /srv/web left-pad
