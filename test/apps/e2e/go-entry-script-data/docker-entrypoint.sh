#!/bin/sh
# Runs the server for `serve`, anything else as given (a common entrypoint shape).
set -e
case "$1" in
serve)
  shift
  exec /home/app/svc/server "$@"
  ;;
esac
exec "$@"
