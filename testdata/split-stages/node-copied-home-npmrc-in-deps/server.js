const React = require('react'); require('http').createServer((q, r) => r.end('react ' + React.version + '\n')).listen(3000);
