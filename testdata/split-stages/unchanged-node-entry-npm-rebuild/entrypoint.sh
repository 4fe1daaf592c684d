#!/bin/sh
set -e
npm rebuild --build-from-source
exec "$@"
