#!/bin/sh
set -e
gcc -o app main.c $(curl-config --libs)
