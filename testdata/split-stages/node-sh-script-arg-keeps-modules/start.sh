#!/bin/sh
echo booting
exec node server.js
