#!/bin/sh
set -e
cat /src/migrations/001.sql
