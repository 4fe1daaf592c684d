# syntax=docker/dockerfile:1.4
FROM python:3.12-slim
RUN --mount=type=secret,id=GITHUB_TOKEN export GITHUB_TOKEN="$(cat /run/secrets/GITHUB_TOKEN)"; pip install "git+https://${GITHUB_TOKEN}@github.com/acme/private-lib.git"
