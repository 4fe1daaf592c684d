#!/bin/sh
until pg_isready -h "$1"; do sleep 1; done
shift
exec "$@"
