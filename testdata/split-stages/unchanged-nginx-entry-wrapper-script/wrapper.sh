#!/bin/sh
echo "Nginx is running..."
exec nginx -g "daemon off;"
