#!/bin/sh
echo '{"v":7}' | jq -c .v
