FROM   --platform=$BUILDPLATFORM   node:24.19.0  AS   builder
FROM \
    node:24.19.0-slim \
    AS runtime
COPY --from=builder /app /app
