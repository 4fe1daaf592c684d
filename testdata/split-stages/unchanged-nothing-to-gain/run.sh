#!/bin/sh
jq .
