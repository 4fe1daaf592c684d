#!/bin/sh
set -e
echo "entrypoint: $*"
exec "$@"
