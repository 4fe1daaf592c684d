#!/bin/sh
set -e
python3 /build/gen.py
exec nginx -g "daemon off;"
