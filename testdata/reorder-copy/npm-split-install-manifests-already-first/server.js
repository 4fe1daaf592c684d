const ms = require('ms'); console.log(ms('1s'), 'patched=' + !!ms.patched, require('fs').readFileSync('build.txt','utf8'))
