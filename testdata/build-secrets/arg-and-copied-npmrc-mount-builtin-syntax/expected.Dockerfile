FROM debian:bookworm-slim
WORKDIR /app
RUN --mount=type=secret,id=NPM_TOKEN export NPM_TOKEN="$(cat /run/secrets/NPM_TOKEN)"; printf "%s" "$NPM_TOKEN" | wc -c > /app/token-length
RUN --mount=type=secret,id=NPM_TOKEN --mount=type=secret,id=npmrc,target=/root/.npmrc export NPM_TOKEN="$(cat /run/secrets/NPM_TOKEN)"; cat /root/.npmrc | wc -c > /app/npmrc-length
CMD ["cat", "/app/token-length", "/app/npmrc-length"]
