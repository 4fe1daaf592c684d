#!/bin/sh
set -e
for f in migrations/*.sql; do cat "$f"; done
