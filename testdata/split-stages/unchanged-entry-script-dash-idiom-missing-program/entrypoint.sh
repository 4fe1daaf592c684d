#!/bin/sh
set -e

# Run node for an option (`docker run img --inspect`), as the node image's own entrypoint does.
if [ "${1#-}" != "$1" ]; then
  set -- python3 "$@"
fi

if [ "$1" = "serve" ]; then
  exec node server.js
fi

exec "$@"
