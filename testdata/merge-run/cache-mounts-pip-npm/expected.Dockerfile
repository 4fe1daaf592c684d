FROM node:20
RUN --mount=type=cache,target=/root/.npm --mount=type=cache,target=/root/.cache/pip npm install -g typescript \
    && pip install --break-system-packages requests
