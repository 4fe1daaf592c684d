#!/bin/sh
set -e
./scripts/setup.sh
exec node server.js
