#!/bin/sh
# Started from a folder of its own; runs the app from the working folder.
set -e
echo "starting $1"
exec node "$@"
