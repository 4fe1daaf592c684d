#!/usr/bin/env node
const ms = require('ms');
console.log('hello', process.argv.slice(2).join(' ') || 'world', ms(60000));
