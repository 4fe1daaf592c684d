#!/bin/sh
set -e
port=$(perl -MJSON::PP -e 'print decode_json(`cat config.json`)->{port}')
echo "port $port"
exec node server.js
