#!/bin/sh
exec python load.py
