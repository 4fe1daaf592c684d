#!/bin/sh
nginx "$@"
while inotifywait -qq -e modify /etc/nginx/conf.d; do nginx -s reload; done
