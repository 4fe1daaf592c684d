#!/bin/sh
. /app/lib.sh
start_server
