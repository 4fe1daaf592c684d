#!/bin/sh
nginx
while inotifywait -qq -e modify /usr/share/nginx/html; do nginx -s reload; done
