#!/bin/sh
set -e
export MODE="$(cat mode.txt)"
exec "$@"
