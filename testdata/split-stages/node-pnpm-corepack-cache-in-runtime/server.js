const ms = require('ms'); const debug = require('debug');
require('http').createServer((q, r) => r.end('pnpm ' + ms(1000) + '\n')).listen(3000);
