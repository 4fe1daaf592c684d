#!/bin/sh
set -e
sh ./scripts/setup.sh
exec "$@"
