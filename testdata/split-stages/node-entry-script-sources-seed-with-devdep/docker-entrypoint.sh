#!/bin/sh
set -e
. ./scripts/setup.sh
exec "$@"
