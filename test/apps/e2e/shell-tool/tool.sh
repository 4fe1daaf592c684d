#!/bin/sh
# Adds the numbers a and b of a JSON object.
set -e
a=$(echo "$1" | jq .a)
b=$(echo "$1" | jq .b)
echo "$a + $b = $(echo "$a + $b" | bc)"
