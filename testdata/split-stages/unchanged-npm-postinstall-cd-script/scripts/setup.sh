#!/bin/sh
mkdir -p /srv/data && echo x > /srv/data/seed
