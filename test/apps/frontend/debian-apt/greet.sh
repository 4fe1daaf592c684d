#!/bin/sh
printf '{"msg":"%s from debian-apt"}\n' "$GREETING" | jq -r .msg
