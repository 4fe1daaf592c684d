const ms = require('ms'); const fs = require('fs');
require('http').createServer((q, r) => { let w; try { fs.writeFileSync('/tmp/x', 'x'); w = 'ok'; } catch (e) { w = e.code; } r.end('init ms@' + require('ms/package.json').version + ' uid=' + process.getuid() + ' w=' + w + '\n'); }).listen(3000);
