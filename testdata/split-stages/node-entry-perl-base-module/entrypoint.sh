#!/bin/sh
set -e
started=$(perl -MPOSIX -e 'print strftime("%Y-%m-%d", gmtime)')
echo "started $started"
exec node server.js
