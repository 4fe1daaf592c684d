#!/bin/sh
set -e
for f in /src/migrations/*.sql; do echo "applying $f"; cat "$f"; done
exec server "$@"
