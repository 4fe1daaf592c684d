#!/bin/sh
set -e
export MODE="${MODE:-default}"
exec /usr/local/bin/server "$@"
