#!/usr/bin/env -S node -r tsconfig-paths/register
const express = require('express');
express().listen(3000);
