require('http').createServer((q,r)=>r.end(require('fs').readFileSync('/tmp/data/seed/data.txt','utf8')+require('ms')(1000)+'\n')).listen(3000)
