const ms=require('ms');let h;try{h=require('./build/Release/hello.node').hello()}catch(e){h='ERR '+e.code}
require('http').createServer((q,r)=>r.end(h+' '+ms(1000)+'\n')).listen(3000);
