#!/bin/sh
set -e
export MODE="$(cat "$APP_HOME/mode.txt")"
exec "$@"
