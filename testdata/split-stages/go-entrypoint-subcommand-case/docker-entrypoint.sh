#!/bin/sh
set -e
case "$1" in
  serve)
    shift
    exec /app/server "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
