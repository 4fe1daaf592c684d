#!/bin/bash
git --version
