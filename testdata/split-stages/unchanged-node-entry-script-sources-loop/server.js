require('http').createServer((q,r)=>r.end('seeded='+require('fs').readFileSync('/tmp/seeded','utf8')+' '+require('ms')(1000)+'\n')).listen(3000)
