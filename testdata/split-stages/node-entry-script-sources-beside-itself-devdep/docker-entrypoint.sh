#!/bin/sh
set -e
. "$(dirname "$0")/scripts/setup.sh"
exec "$@"
