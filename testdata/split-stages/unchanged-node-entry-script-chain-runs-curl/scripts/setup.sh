#!/bin/sh
set -e
# check the config is readable the same way the app fetches remote configs
curl -fsS -o /tmp/cfg.json file:///app/package.json
echo "config fetched"
