console.log(require('ms')('1s'), require('fs').readFileSync('dist/out.txt','utf8'))
