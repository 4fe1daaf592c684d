#!/bin/sh
set -e
if [ -n "$EXTRA_PACKAGES" ]; then
  apt-get install -y $EXTRA_PACKAGES
fi
exec "$@"
