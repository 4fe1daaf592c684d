#!/bin/sh
cat seed/rows.csv
