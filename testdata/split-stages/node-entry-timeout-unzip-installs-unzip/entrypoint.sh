#!/bin/sh
set -e
# unpack the bundled GeoIP database on first start
if [ ! -f data/GeoLite2.mmdb ]; then
  timeout 60 unzip -o data/geoip.zip -d data
fi
exec node server.js
