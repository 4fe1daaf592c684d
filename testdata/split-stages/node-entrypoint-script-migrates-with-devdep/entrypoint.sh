#!/bin/sh
set -e
node scripts/migrate.js
exec "$@"
