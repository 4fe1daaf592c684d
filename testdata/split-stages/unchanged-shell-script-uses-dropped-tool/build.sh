#!/bin/sh
make -C /work
