#!/bin/sh
set -e
for f in ./scripts/*.sh; do . "$f"; done
exec "$@"
