#!/bin/sh
mkdir -p /srv/data
echo '{"made":"setup"}' > /srv/data/conf.json
