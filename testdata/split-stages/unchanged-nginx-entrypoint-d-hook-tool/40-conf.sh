#!/bin/sh
set -e
jq -n --arg env "${APP_ENV:-prod}" "{env: \$env}" > /usr/share/nginx/html/conf.json
