#!/bin/sh
lsof -v 2>&1 | head -1; ./hello
