#!/bin/sh
mkdir -p gen
echo hi > gen/conf.json
