require('http').createServer((q,r)=>r.end('ok '+require('ms')(1000)+'\n')).listen(3000)
