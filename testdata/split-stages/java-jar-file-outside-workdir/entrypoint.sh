#!/bin/sh
set -e
export MODE=prod
exec java -jar /opt/out/app.jar "$@"
