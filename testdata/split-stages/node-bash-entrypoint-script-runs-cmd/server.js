const http=require('http');const ms=require('ms');
http.createServer((q,r)=>r.end('ok '+ms(1000)+'\n')).listen(3000);
