#!/bin/bash
set -e
source /app/scripts/lib.sh
echo "[entry] starting"
if [ "${RUN_MIGRATIONS:-0}" = "1" ]; then
  node "$APP_DIR/tools/migrate.js"
fi
exec "$@"
