const http=require('http');const ms=require('ms');let o;try{require('is-number');o='optional-present'}catch(e){o='optional-absent'}
http.createServer((q,r)=>{r.end(o+' '+ms(1000)+'\n')}).listen(3000);
