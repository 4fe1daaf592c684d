#!/bin/sh
set -e
if [ -n "$MIGRATE" ]; then
  node scripts/migrate.js
convert logo.png logo.webp
exec "$@"
