#!/bin/sh
curl -fsS "$1"
