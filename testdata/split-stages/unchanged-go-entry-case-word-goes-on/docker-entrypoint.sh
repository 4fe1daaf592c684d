#!/bin/sh
set -e
case "$1" in
  git) echo "running git with $# args" ;;
  serve) exec /app/server ;;
esac
exec "$@"
