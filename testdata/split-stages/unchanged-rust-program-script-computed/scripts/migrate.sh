#!/bin/sh
set -e
cat "$MIG_DIR/001.sql"
