#!/bin/sh
set -e
mkdir -p /tmp/data
tar -xf "$SEED_ARCHIVE" -C /tmp/data
exec "$@"
